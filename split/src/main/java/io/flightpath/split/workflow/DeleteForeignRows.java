package io.flightpath.split.workflow;

import io.flightpath.split.replication.RangeDeletion;
import io.flightpath.store.Throttle;
import java.util.Optional;

/** DELETE_FOREIGN_ROWS: each shard deletes, in small paced batches kept out of its binlog, the rows it no longer owns. */
final class DeleteForeignRows implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        return Optional.empty();
    }

    @Override
    public void apply(SplitContext ctx) {
        SplitSettings settings = ctx.settings();
        long fromSource = new RangeDeletion(ctx.source(), settings.deleteBatchRows(), pace(settings))
                .deleteInside(ctx.range(), p -> ctx.advanced(p.deleted(), p.counted(), "rows"));
        long fromTarget = new RangeDeletion(ctx.target(), settings.deleteBatchRows(), pace(settings))
                .deleteOutside(ctx.range(), p -> ctx.advanced(fromSource + p.deleted(),
                        fromSource + p.counted(), "rows"));
        ctx.record("delete.source_rows", Long.toString(fromSource + Long.parseLong(ctx.output("delete.source_rows").orElse("0"))));
        ctx.record("delete.target_rows", Long.toString(fromTarget + Long.parseLong(ctx.output("delete.target_rows").orElse("0"))));
    }

    /** A pause after each batch in proportion to it; one per deletion, since it keeps the time of the last batch. */
    private static Throttle pace(SplitSettings settings) {
        return Throttle.niceRatio(settings.niceRatio(), settings.deletePause());
    }

    @Override
    public String describe(SplitContext ctx) {
        return "delete " + ctx.range() + " from " + ctx.split().source() + " and everything else from " + ctx.split().target();
    }
}
