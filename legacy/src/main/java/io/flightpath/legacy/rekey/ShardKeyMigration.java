package io.flightpath.legacy.rekey;

import io.flightpath.core.FlightpathException;
import io.flightpath.postflight.schema.KeyedTables;
import io.flightpath.store.Database;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the legacy database into a post-flight shard online, under live traffic: the shard key
 * column, its index, the key of every row, NOT NULL, and the record schema's history. A workflow
 * runs the {@link Step}s one at a time in their order and persists how far it got; each step
 * observes first and acts only when needed, so that running it twice, or again after a crash
 * inside it, is safe. Between ADD_COLUMN and BACKFILL the caller switches every writer to keyed
 * rows ({@link io.flightpath.legacy.LegacyRecords#writeShardKeys}); {@link KeyedWriters} tells
 * this class when they all have. Holds no state between calls: a new instance picks up where
 * another stopped.
 */
public final class ShardKeyMigration {
    /** The steps in the order they run; a workflow may persist their names. */
    public enum Step {
        ADD_COLUMN, BUILD_INDEX, BACKFILL, REQUIRE_KEY, RECORD_SCHEMA, VERIFY;

        /** Whether this step needs every writer to write keys first. */
        boolean needsKeyedWriters() {
            return compareTo(BACKFILL) >= 0;
        }
    }

    /** What {@link #run} did: nothing, since the step's effect was in place, or the step's work. */
    public enum Outcome { ALREADY_DONE, APPLIED }

    private final Map<Step, RekeyStep> steps = new EnumMap<>(Step.class);
    private final VerifyKeys verify;
    private final KeyedWriters writers;

    /**
     * @param legacy   the legacy database, opened with {@link io.flightpath.legacy.LegacyRecords#MIGRATIONS}
     * @param progress told of each batch of BACKFILL and VERIFY, on the thread that runs them
     */
    public ShardKeyMigration(Database legacy, KeyedWriters writers, RekeySettings settings, Consumer<RekeyProgress> progress) {
        LegacyTables tables = new LegacyTables(legacy, KeyedTables.RECORDS);
        OnlineAlter alter = new OnlineAlter(legacy, settings);
        RecordShardSchema recorded = new RecordShardSchema(tables);
        this.verify = new VerifyKeys(tables, settings, progress, recorded);
        this.writers = writers;
        steps.put(Step.ADD_COLUMN, SchemaChange.addColumn(tables, alter));
        steps.put(Step.BUILD_INDEX, SchemaChange.buildIndex(tables, alter));
        steps.put(Step.BACKFILL, new BackfillKeys(tables, settings, progress));
        steps.put(Step.REQUIRE_KEY, SchemaChange.requireKey(tables, alter, settings.requireKey()));
        steps.put(Step.RECORD_SCHEMA, recorded);
        steps.put(Step.VERIFY, verify);
    }

    /** Whether the step's effect is in place already (never for VERIFY, which only reads). Read-only. */
    public boolean done(Step step) {
        return steps.get(step).done();
    }

    /** Why the step cannot run now: an earlier step not done, or writers that do not write keys yet. Read-only. */
    public Optional<String> blockedBy(Step step) {
        for (Step earlier : Step.values()) {
            if (earlier.compareTo(step) >= 0) {
                break;
            }
            if (earlier != Step.VERIFY && !done(earlier)) {
                return Optional.of(earlier + " is not done yet");
            }
        }
        if (step.needsKeyedWriters()) {
            List<String> behind = writers.notYetKeyed();
            if (!behind.isEmpty()) {
                return Optional.of("writers do not write shard keys yet: " + behind);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs one step: observes, and acts only when the effect is not in place; FAILED_PRECONDITION
     * when it is blocked. A failure inside leaves the step to be run again.
     */
    public Outcome run(Step step) {
        Optional<String> blocked = blockedBy(step);
        if (blocked.isPresent()) {
            throw FlightpathException.failedPrecondition("cannot run %s: %s", step, blocked.get());
        }
        RekeyStep work = steps.get(step);
        if (work.done()) {
            return Outcome.ALREADY_DONE;
        }
        work.apply();
        if (step != Step.VERIFY && !work.done()) {
            throw FlightpathException.internal("%s ran but its effect is not in place; run it again", step);
        }
        return Outcome.APPLIED;
    }

    /** What the step does, for a dry run and the log. */
    public String describe(Step step) {
        return steps.get(step).describe();
    }

    /** What VERIFY checks, as figures per table, without failing on a mismatch. Only reads. */
    public List<KeyCheck> check() {
        return verify.check();
    }
}
