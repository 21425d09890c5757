package io.flightpath.rollout;

/**
 * The work of one phase of the rollout; the phases' names and order are {@link
 * io.flightpath.control.api.RolloutRecord.Phase}, and {@link RolloutRunner} gives each its work.
 * {@link #apply} is idempotent: it observes first (the flags, the legacy tables, the maps and the
 * splits) and acts only where needed, so a run killed mid-phase repeats it safely.
 */
sealed interface RolloutPhase permits ServicesInFront, ShadowCompare, FlipAccounts, SplitInflight, LegacyBecomesShard0, Shard {

    void apply(RolloutContext ctx);

    /** What the phase will do, for --dry-run and the progress line. */
    String describe(RolloutContext ctx);
}
