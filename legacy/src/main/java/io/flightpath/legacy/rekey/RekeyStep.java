package io.flightpath.legacy.rekey;

/**
 * The work of one step of the shard key migration; {@link ShardKeyMigration} holds their order and
 * refuses a step before the ones it needs. {@link #done} only reads, and {@link #apply} is
 * idempotent, so that a run that crashed inside a step repeats it safely.
 */
interface RekeyStep {
    /** Whether the step's effect is in place already: cheap, read-only. */
    boolean done();

    /** Brings the effect about; a rerun after a crash inside it finishes it. */
    void apply();

    /** What the step does, for a dry run and the log. */
    String describe();
}
