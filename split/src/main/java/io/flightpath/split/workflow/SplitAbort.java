package io.flightpath.split.workflow;

import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.postflight.schema.ShardFence;
import io.flightpath.split.replication.Sequences;
import java.time.Clock;
import java.util.Map;

/**
 * Rolls a split back while writes of its range still belong to the source: reads (and any held
 * writes) go back to the source, the odd/even split and the replication link are removed, and the
 * target's copy is dropped. Refused once writes have moved. The split keeps the step it was
 * aborted at, in state ABORTED.
 */
public final class SplitAbort {
    private final SplitRegistry registry;
    private final RoutingService routing;
    private final ShardDirectory shards;
    private final SplitSettings settings;
    private final Clock clock;
    private final String owner;

    public SplitAbort(SplitRegistry registry, RoutingService routing, ShardDirectory shards, SplitSettings settings,
                      Clock clock, String owner) {
        this.registry = registry;
        this.routing = routing;
        this.shards = shards;
        this.settings = settings;
        this.clock = clock;
        this.owner = owner;
    }

    public SplitRecord abort(long id) {
        SplitRecord split = registry.claim(id, owner, settings.staleClaim());
        SplitContext ctx = new SplitContext(split, routing, shards, settings, SplitProgress.SILENT, clock);
        RoutingState state = routing.state();
        if (!split.step().abortable() || MoveWrites.movedTo(state.write(), ctx)) {
            throw FlightpathException.failedPrecondition("split %d moved writes of %s to %s already; it can only be resumed",
                    id, split.range(), split.target());
        }
        ShardMap write = state.write();
        if (MoveWrites.frozen(write, ctx)) {
            // the source takes the range's writes again: lift its fence before releasing them
            ctx.source().onDatabase("lift the fence of " + split.range() + " on " + split.source(), c -> {
                ShardFence.forgetMove(c, split.source(), split.range());
                return null;
            });
            write = routing.publish(null, write.assign(split.range(), split.source(), false), false,
                    ctx.note() + ": aborted, writes released").write();
            ctx.acks().writeVersion(write.version());
        }
        ShardMap read = routing.state().read();
        if (!CloneTarget.owns(read, split.source(), split.range())) {
            read = routing.publish(read.assign(split.range(), split.source(), false), null, false, ctx.note() + ": aborted, reads back").read();
            ctx.acks().readVersion(read.version());
        }
        if (shards.find(split.target()).isPresent()) {
            new Sequences(ctx.source(), ctx.target()).unsplit();
            ctx.replication().cut();
            ctx.target().execute("drop the aborted copy", "DROP DATABASE IF EXISTS `" + ctx.target().database() + "`");
        }
        return registry.advance(id, owner, split.step(), State.ABORTED, Map.of(), "aborted by the operator at " + split.step());
    }
}
