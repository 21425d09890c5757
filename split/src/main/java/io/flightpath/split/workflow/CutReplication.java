package io.flightpath.split.workflow;

import io.flightpath.core.FlightpathException;
import io.flightpath.split.replication.GtidPosition;
import io.flightpath.split.replication.Replication;
import io.flightpath.split.replication.Sequences;
import java.util.Optional;

/** CUT_REPLICATION: once the target applied all the source wrote, the replication link goes, and so does the odd/even split. */
final class CutReplication implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        return Optional.empty();
    }

    @Override
    public void apply(SplitContext ctx) {
        Replication replication = ctx.replication();
        if (replication.status().running()) {
            GtidPosition last = replication.sourcePosition();
            if (!replication.waitFor(last, ctx.settings().blockedTimeout())) {
                throw FlightpathException.unavailable("%s did not apply %s's last writes within %s",
                        ctx.split().target(), ctx.split().source(), ctx.settings().blockedTimeout());
            }
            ctx.record("cut.position", last.toString());
        }
        replication.cut();
        new Sequences(ctx.source(), ctx.target()).unsplit();
    }

    @Override
    public String describe(SplitContext ctx) {
        return "stop replication from " + ctx.split().source() + " to " + ctx.split().target() + " and remove the odd/even split";
    }
}
