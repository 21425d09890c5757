package io.flightpath.split.workflow;

import io.flightpath.control.api.RoutingState;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.split.replication.CopyResult;
import io.flightpath.split.replication.GtidPosition;
import io.flightpath.split.replication.Replication;
import io.flightpath.split.replication.SnapshotCopy;
import io.flightpath.store.Throttle;
import java.time.Duration;
import java.util.Optional;

/** CLONE_TARGET: the target becomes a copy of the source from one consistent snapshot, then its GTID replica. */
final class CloneTarget implements SplitStep {
    static final int PACED_BATCH_ROWS = 500;

    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        RoutingState state = ctx.routing().state();
        if (!owns(state.read(), ctx.split().source(), ctx.range()) || !owns(state.write(), ctx.split().source(), ctx.range())) {
            return Optional.of(ctx.split().source() + " does not own all of " + ctx.range() + " in both maps");
        }
        return Optional.empty();
    }

    static boolean owns(ShardMap map, String shard, KeyRange range) {
        return map.entries().stream().filter(e -> e.range().overlaps(range)).allMatch(e -> e.shard().equals(shard));
    }

    @Override
    public void apply(SplitContext ctx) {
        ctx.shards().ensure(ctx.split().target());
        Replication replication = ctx.replication();
        if (replication.status().running()) {
            return; // replication starts only after a complete copy: a rerun after a crash past this point
        }
        double nice = ctx.settings().niceRatio();
        // paced, the copy moves in smaller steps with one writer and maintains the indexes as it goes,
        // so that no burst of it is long (building them at the end is faster, but cannot be paced)
        CopyResult copy = (nice == 0 ? new SnapshotCopy(ctx.source(), ctx.target())
                : new SnapshotCopy(ctx.source(), ctx.target(), PACED_BATCH_ROWS, 1, Throttle.niceRatio(nice, Duration.ZERO), false))
                .copy(p -> ctx.advanced(p.rowsCopied(), p.rowsEstimated(), "rows"));
        replication.start(copy.position());
        ctx.record("clone.position", copy.position().toString());
        ctx.record("clone.rows", Long.toString(copy.rows()));
        ctx.record("clone.rows_per_second", String.format("%.0f", copy.rowsPerSecond()));
        ctx.record("clone.seconds", String.format("%.1f", copy.elapsed().toMillis() / 1000.0));
    }

    @Override
    public String describe(SplitContext ctx) {
        return "copy " + ctx.split().source() + " to " + ctx.split().target()
                + " from one consistent snapshot and make it a GTID replica";
    }

    static GtidPosition position(SplitContext ctx) {
        return GtidPosition.parse(ctx.output("clone.position").orElse(""));
    }
}
