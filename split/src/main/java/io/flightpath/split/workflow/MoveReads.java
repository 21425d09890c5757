package io.flightpath.split.workflow;

import io.flightpath.control.api.RoutingState;
import io.flightpath.core.sharding.ShardMap;
import java.util.Optional;

/** MOVE_READS: reads of the range go to the target (read map v+1), acknowledged by every live node. */
final class MoveReads implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        return Lag.blocking(ctx);
    }

    @Override
    public void apply(SplitContext ctx) {
        RoutingState state = ctx.routing().state();
        ShardMap read = state.read();
        if (!CloneTarget.owns(read, ctx.split().target(), ctx.range())) {
            read = ctx.routing().publish(read.assign(ctx.range(), ctx.split().target(), false), null, false,
                    ctx.note() + ": reads move").read();
        }
        ctx.acks().readVersion(read.version());
        ctx.record("reads.version", Integer.toString(read.version()));
    }

    @Override
    public String describe(SplitContext ctx) {
        return "publish a read map sending " + ctx.range() + " to " + ctx.split().target() + " and wait for every node";
    }
}
