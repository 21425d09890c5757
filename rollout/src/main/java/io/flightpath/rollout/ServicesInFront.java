package io.flightpath.rollout;

/**
 * SERVICES_IN_FRONT: the in-flight and post-flight services stand in front of the legacy tables
 * in every serving node of the legacy shape (in-flight = the rows with an in-flight status,
 * post-flight = the rest; the handoff is a no-op while both are the same table). The phase creates
 * the rollout's flags, all off, and waits until every live node acknowledged them: from then on
 * the public API can serve any account through either path.
 */
final class ServicesInFront implements RolloutPhase {
    @Override
    public void apply(RolloutContext ctx) {
        Flags.ensure(ctx.nodes().flags());
        ctx.nodes().awaitAcknowledged(ctx::note);
        ctx.record("shape", ctx.nodes().shape().value());
        ctx.record("services_percent", ctx.nodes().servicesPercent());
    }

    @Override
    public String describe(RolloutContext ctx) {
        return "create the flags " + RolloutShape.FLAG + " and " + Flags.SERVICES_PATH + " (off) and wait until every live node evaluates them";
    }
}
