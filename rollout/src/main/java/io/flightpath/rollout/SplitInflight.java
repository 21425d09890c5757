package io.flightpath.rollout;

import io.flightpath.core.FlightpathException;
import io.flightpath.legacy.LegacyRecords;
import java.time.Duration;
import java.time.Instant;

/**
 * SPLIT_INFLIGHT, the rollout's point of no return: new records are created in the dedicated
 * in-flight database; records left in flight in the legacy tables finish where they are (their
 * events still apply there, they stay readable, the aggregator sees both), and the phase waits
 * until none is left, so that the legacy tables hold post-flight records only. Once a node created
 * a record in the dedicated database the legacy path cannot see it, which is why abort is refused
 * from here on.
 */
final class SplitInflight implements RolloutPhase {
    @Override
    public void apply(RolloutContext ctx) {
        LegacyRecords legacy = ctx.legacy();
        long before = legacy.inflightCount();
        ctx.record("legacy_inflight_at_start", before);
        // POINT OF NO RETURN: from this flag change on, new records live in the dedicated in-flight database
        ctx.nodes().moveTo(RolloutShape.DEDICATED_INFLIGHT, "new records in the dedicated in-flight database", ctx::note);
        Instant deadline = ctx.clock().instant().plus(ctx.settings().drainTimeout());
        long last = -1;
        while (true) {
            long left = legacy.inflightCount();
            if (left == 0) {
                return;
            }
            if (ctx.clock().instant().isAfter(deadline)) {
                throw FlightpathException.failedPrecondition("%d records are still in flight in the legacy tables after %s; resume to wait on",
                        left, ctx.settings().drainTimeout());
            }
            if (left != last) {
                ctx.note("waits: " + left + " records in flight in the legacy tables");
                last = left;
            }
            Nodes.pause(Duration.ofMillis(250));
        }
    }

    @Override
    public String describe(RolloutContext ctx) {
        return "create new records in the dedicated in-flight database (point of no return) and wait until no record is in flight "
                + "in the legacy tables";
    }
}
