package io.flightpath.split.workflow;

import io.flightpath.core.FlightpathException;
import io.flightpath.split.replication.DeletionProgress;
import io.flightpath.split.replication.RangeDeletion;
import io.flightpath.store.Throttle;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * DELETE_FOREIGN_ROWS: each shard deletes, in small paced batches kept out of its binlog, the
 * rows it no longer owns. The two shards are separate servers, so they delete at the same time:
 * each keeps its own pace, and the step takes as long as the longer of the two, not their sum.
 */
final class DeleteForeignRows implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        return Optional.empty();
    }

    @Override
    public void apply(SplitContext ctx) {
        SplitSettings settings = ctx.settings();
        BothSides shown = new BothSides(ctx);
        long fromSource;
        long fromTarget;
        try (ExecutorService sides = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Long> source = sides.submit(() -> new RangeDeletion(ctx.source(), settings.deleteBatchRows(), pace(settings))
                    .deleteInside(ctx.range(), p -> shown.update("source", p)));
            Future<Long> target = sides.submit(() -> new RangeDeletion(ctx.target(), settings.deleteBatchRows(), pace(settings))
                    .deleteOutside(ctx.range(), p -> shown.update("target", p)));
            // both run to their end even when one fails: what either deleted is not deleted again on resume
            fromSource = outcome(source, target);
            fromTarget = outcome(target, source);
        }
        ctx.record("delete.source_rows", Long.toString(fromSource + Long.parseLong(ctx.output("delete.source_rows").orElse("0"))));
        ctx.record("delete.target_rows", Long.toString(fromTarget + Long.parseLong(ctx.output("delete.target_rows").orElse("0"))));
    }

    /** The rows {@code side} deleted, once {@code other} has ended too; the first failure of the two is rethrown. */
    private static long outcome(Future<Long> side, Future<Long> other) {
        try {
            long rows = side.get();
            other.get();
            return rows;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw FlightpathException.internal("deleting foreign rows failed: %s", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlightpathException.unavailable("interrupted while deleting foreign rows; resume the split to go on");
        }
    }

    /** A pause after each batch in proportion to it; one per deletion, since it keeps the time of the last batch. */
    private static Throttle pace(SplitSettings settings) {
        return Throttle.niceRatio(settings.niceRatio(), settings.deletePause());
    }

    /** The progress of both deletions as one figure: rows deleted of those counted so far, over both shards and every table. */
    private static final class BothSides {
        private final SplitContext ctx;
        private final Map<String, DeletionProgress> latest = new HashMap<>();

        BothSides(SplitContext ctx) {
            this.ctx = ctx;
        }

        synchronized void update(String side, DeletionProgress p) {
            latest.put(side + "/" + p.table(), p);
            ctx.advanced(latest.values().stream().mapToLong(DeletionProgress::deleted).sum(),
                    latest.values().stream().mapToLong(DeletionProgress::counted).sum(), "rows");
        }
    }

    @Override
    public String describe(SplitContext ctx) {
        return "delete " + ctx.range() + " from " + ctx.split().source() + " and everything else from " + ctx.split().target()
                + ", both at once";
    }
}
