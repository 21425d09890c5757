package io.flightpath.split.workflow;

import io.flightpath.core.FlightpathException;
import io.flightpath.split.replication.PositionedChecksums;
import io.flightpath.split.replication.RangeChecksum;
import java.util.Optional;

/** VERIFY_COPY: the range's rows and checksums agree on source and target at one GTID position. */
final class VerifyCopy implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        return Lag.blocking(ctx);
    }

    @Override
    public void apply(SplitContext ctx) {
        PositionedChecksums sums = RangeChecksum.atSamePosition(ctx.replication(), ctx.range(), ctx.settings().blockedTimeout());
        if (!sums.match()) {
            throw FlightpathException.failedPrecondition("the copy of %s differs at %s: source %s, target %s",
                    ctx.range(), sums.position(), sums.source(), sums.target());
        }
        ctx.record("verify_copy.position", sums.position().toString());
        ctx.record("verify_copy.rows", Long.toString(sums.source().rows()));
        ctx.record("verify_copy.checksums", sums.source().toString());
    }

    @Override
    public String describe(SplitContext ctx) {
        return "compare row counts and checksums of " + ctx.range() + " on both shards at one GTID position";
    }
}
