package io.flightpath.split.workflow;

import io.flightpath.control.api.RoutingState;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.postflight.schema.ShardFence;
import io.flightpath.split.replication.GtidPosition;
import io.flightpath.split.replication.Replication;
import java.util.Optional;

/**
 * MOVE_WRITES, the point of no return: writes of the range move to the target. First the range is
 * frozen (writes to it wait, they do not fail) until every live node acknowledged; then the
 * source itself refuses the range ({@link ShardFence}), so a node whose lease ran out, cut off
 * from the control store and still routing by the old maps, cannot write it there either; then
 * the target applies everything the source wrote; then the range is unfrozen on the target. No
 * write of the range ever lands on both shards, so neither a retried insert nor an update can be
 * lost or doubled.
 */
final class MoveWrites implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        RoutingState state = ctx.routing().state();
        if (!CloneTarget.owns(state.read(), ctx.split().target(), ctx.range())) {
            return Optional.of("reads of " + ctx.range() + " have not moved to " + ctx.split().target() + ": reads move before writes");
        }
        return Lag.blocking(ctx);
    }

    @Override
    public void apply(SplitContext ctx) {
        RoutingState state = ctx.routing().state();
        ShardMap write = state.write();
        if (movedTo(write, ctx)) {
            ctx.acks().writeVersion(write.version());
            ctx.record("writes.version", Integer.toString(write.version()));
            return;
        }
        if (!frozen(write, ctx)) {
            write = ctx.routing().publish(null, write.assign(ctx.range(), ctx.split().source(), true), false,
                    ctx.note() + ": writes held").write();
        }
        ctx.acks().writeVersion(write.version());
        // after the fence commits no write of the range lands on the source, so `last` is the last one
        ctx.source().onDatabase("fence " + ctx.range() + " on " + ctx.split().source(), c -> {
            ShardFence.recordMove(c, ctx.split().source(), ctx.range(), ctx.clock().instant());
            return null;
        });
        Replication replication = ctx.replication();
        GtidPosition last = replication.sourcePosition();
        if (!replication.waitFor(last, ctx.settings().blockedTimeout())) {
            throw FlightpathException.unavailable("%s did not apply %s's last writes within %s; writes of %s stay held until --resume or --abort",
                    ctx.split().target(), ctx.split().source(), ctx.settings().blockedTimeout(), ctx.range());
        }
        write = ctx.routing().publish(null, write.assign(ctx.range(), ctx.split().target(), false), false,
                ctx.note() + ": writes move").write();
        ctx.acks().writeVersion(write.version());
        ctx.record("writes.version", Integer.toString(write.version()));
    }

    static boolean movedTo(ShardMap write, SplitContext ctx) {
        return write.entries().stream().filter(e -> e.range().overlaps(ctx.range()))
                .allMatch(e -> e.shard().equals(ctx.split().target()) && !e.frozen());
    }

    static boolean frozen(ShardMap write, SplitContext ctx) {
        return write.entries().stream().filter(e -> e.range().overlaps(ctx.range()))
                .allMatch(e -> e.shard().equals(ctx.split().source()) && e.frozen());
    }

    @Override
    public String describe(SplitContext ctx) {
        return "hold writes of " + ctx.range() + ", let " + ctx.split().target() + " apply the rest, then send them to it";
    }
}
