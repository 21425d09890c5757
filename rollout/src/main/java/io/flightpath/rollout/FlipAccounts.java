package io.flightpath.rollout;

import io.flightpath.core.FlightpathException;

/**
 * FLIP_ACCOUNTS: the services-path flag rises through its steps (1, 10, 50, 100 % by default),
 * each waiting until every live node evaluates it, then watching the flipped accounts' requests
 * for a while: a step whose share of failed requests breaks the bound is rolled back to the
 * percentage before it and the rollout stops with the reason. Billing and the events endpoint
 * follow the same flag, since they serve the account through the same path.
 */
final class FlipAccounts implements RolloutPhase {
    @Override
    public void apply(RolloutContext ctx) {
        Nodes nodes = ctx.nodes();
        for (int step : ctx.settings().flipSteps()) {
            double before = nodes.servicesPercent();
            if (before >= step) {
                continue;
            }
            ctx.note("services path for " + step + " % of accounts (from " + fmt(before) + " %)");
            nodes.servicesTo(step, "rollout step " + step + " %", ctx::note);
            ServicesTraffic.Counts start = ctx.traffic().sample();
            Nodes.pause(ctx.settings().watch());
            ServicesTraffic.Counts watched = ctx.traffic().sample().minus(start);
            ctx.record("step_" + step + "_requests", watched.requests());
            ctx.record("step_" + step + "_failed", watched.failed());
            if (watched.failedShare() > ctx.settings().maxErrorRate()) {
                nodes.servicesTo(before, "rolled back: error rate at " + step + " %", ctx::note);
                throw FlightpathException.failedPrecondition("at %d %% the services path failed %d of %d requests (%.2f %%, bound %.2f %%); "
                                + "rolled back to %s %%", step, watched.failed(), watched.requests(), 100 * watched.failedShare(),
                        100 * ctx.settings().maxErrorRate(), fmt(before));
            }
        }
        ctx.record("percent", fmt(nodes.servicesPercent()));
    }

    private static String fmt(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }

    @Override
    public String describe(RolloutContext ctx) {
        return "raise " + Flags.SERVICES_PATH + " through " + ctx.settings().flipSteps() + " %, each step acknowledged by every live node "
                + "and watched " + ctx.settings().watch().toSeconds() + " s (rolled back above " + 100 * ctx.settings().maxErrorRate() + " % failed)";
    }
}
