package io.flightpath.split.workflow;

import io.flightpath.core.FlightpathException;
import io.flightpath.split.replication.Checksums;
import io.flightpath.split.replication.RangeChecksum;
import java.util.Optional;

/**
 * VERIFY: each shard holds exactly what the maps give it (no row of the range left on the source,
 * none outside it on the target), and the target holds at least the range's rows the copy check
 * counted (records are only ever added during a split, unless a client deleted some).
 */
final class Verify implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        return Optional.empty();
    }

    @Override
    public void apply(SplitContext ctx) {
        Checksums leftOnSource = RangeChecksum.inside(ctx.source(), ctx.range());
        Checksums foreignOnTarget = RangeChecksum.outside(ctx.target(), ctx.range());
        Checksums moved = RangeChecksum.inside(ctx.target(), ctx.range());
        if (leftOnSource.rows() != 0 || foreignOnTarget.rows() != 0) {
            throw FlightpathException.failedPrecondition("ownership check failed: %d rows of %s left on %s, %d foreign rows on %s",
                    leftOnSource.rows(), ctx.range(), ctx.split().source(), foreignOnTarget.rows(), ctx.split().target());
        }
        long copied = Long.parseLong(ctx.output("verify_copy.rows").orElse("0"));
        if (moved.rows() < copied) {
            throw FlightpathException.failedPrecondition("%s holds %d rows of %s, fewer than the %d the copy check counted",
                    ctx.split().target(), moved.rows(), ctx.range(), copied);
        }
        ctx.record("verify.rows", Long.toString(moved.rows()));
    }

    @Override
    public String describe(SplitContext ctx) {
        return "check that each shard holds only its ranges and that no row of " + ctx.range() + " went missing";
    }
}
