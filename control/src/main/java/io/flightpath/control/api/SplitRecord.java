package io.flightpath.control.api;

import io.flightpath.core.sharding.KeyRange;
import java.time.Instant;
import java.util.Map;

/**
 * One online split as persisted: which range moves from which shard to which, the next step to
 * run, its state, the outputs earlier steps recorded (GTID positions, map versions, checksums),
 * and who runs it. Step and state are stored by name; {@link
 * io.flightpath.control.store.MariaDbSplitRegistry} is the one place that parses them.
 */
public record SplitRecord(long id, String source, String target, KeyRange range, Step step, State state,
                          Map<String, String> outputs, String owner, Instant heartbeat, String lastError,
                          Instant createdAt, Instant updatedAt) {
    public SplitRecord {
        outputs = Map.copyOf(outputs);
    }

    /** A split not saved (yet): what a dry run describes, at its first step. */
    public static SplitRecord unsaved(String source, String target, KeyRange range) {
        return new SplitRecord(0, source, target, range, Step.first(), State.PENDING, Map.of(), null, null, null, null, null);
    }

    /**
     * The steps of an online split, in the only order they can run; DONE follows the last. Until
     * MOVE_WRITES has run, a split can be rolled back; MOVE_WRITES is the point of no return: from
     * then on the target owns writes of the range and the source's copy is stale. What each step
     * does is the split module's.
     */
    public enum Step {
        CLONE_TARGET,
        WAIT_FOR_CATCH_UP,
        VERIFY_COPY,
        MOVE_READS,
        SPLIT_SEQUENCES,
        MOVE_WRITES,
        CUT_REPLICATION,
        DELETE_FOREIGN_ROWS,
        REBUILD_TABLES,
        VERIFY,
        DONE;

        public static Step first() {
            return CLONE_TARGET;
        }

        public Step next() {
            return this == DONE ? DONE : values()[ordinal() + 1];
        }

        /** Whether a split whose next step is this one can still be aborted. */
        public boolean abortable() {
            return compareTo(MOVE_WRITES) <= 0;
        }

        /** The step with its place among those that do work, e.g. "3/10 VERIFY_COPY", for progress lines and reports. */
        public String numbered() {
            return this == DONE ? name() : (ordinal() + 1) + "/" + DONE.ordinal() + " " + name();
        }
    }

    /**
     * Where a split stands. PENDING until first claimed; RUNNING while (or since) a run works on
     * it; FAILED when a step failed (a resume claims it again); DONE and ABORTED are final and
     * free the source for another split.
     */
    public enum State {
        PENDING,
        RUNNING,
        FAILED,
        DONE,
        ABORTED;

        public boolean finished() {
            return this == DONE || this == ABORTED;
        }
    }
}
