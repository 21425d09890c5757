package io.flightpath.split.workflow;

import io.flightpath.core.FlightpathException;
import io.flightpath.split.replication.GtidPosition;
import io.flightpath.split.replication.Replication;
import java.util.Optional;

/** WAIT_FOR_CATCH_UP: the target has applied everything the source wrote up to now. */
final class WaitForCatchUp implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        return Optional.empty(); // catching up is what it does
    }

    @Override
    public void apply(SplitContext ctx) {
        Replication replication = ctx.replication();
        GtidPosition now = replication.sourcePosition();
        if (!replication.waitFor(now, ctx.settings().blockedTimeout())) {
            throw FlightpathException.unavailable("%s did not catch up with %s within %s (at %s, wanted %s)",
                    ctx.split().target(), ctx.split().source(), ctx.settings().blockedTimeout(), replication.status(), now);
        }
        ctx.record("catch_up.position", now.toString());
    }

    @Override
    public String describe(SplitContext ctx) {
        return "wait until " + ctx.split().target() + " has applied all of " + ctx.split().source() + "'s writes";
    }
}
