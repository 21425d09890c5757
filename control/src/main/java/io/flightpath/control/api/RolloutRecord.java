package io.flightpath.control.api;

import java.time.Instant;
import java.util.Map;

/**
 * The rollout from the legacy shape to the services as persisted: the next phase to run, its
 * state, what earlier phases recorded (flag versions, the Shadow gate's verdict, durations), and
 * who runs it. Phase and state are stored by name; {@link
 * io.flightpath.control.store.MariaDbRolloutRegistry} is the one place that parses them.
 */
public record RolloutRecord(long id, Phase phase, State state, Map<String, String> outputs, String owner, Instant heartbeat,
                            String lastError, Instant createdAt, Instant updatedAt) {
    public RolloutRecord {
        outputs = Map.copyOf(outputs);
    }

    /**
     * The phases in the only order they can run; DONE follows the last. Before SPLIT_INFLIGHT
     * has run, the rollout can be aborted back to the legacy shape; SPLIT_INFLIGHT is the point of
     * no return, since from then on new records live in the dedicated in-flight database, which the
     * legacy path does not read. What each phase does is the rollout module's.
     */
    public enum Phase {
        SERVICES_IN_FRONT,
        SHADOW_COMPARE,
        FLIP_ACCOUNTS,
        SPLIT_INFLIGHT,
        LEGACY_BECOMES_SHARD0,
        SHARD,
        DONE;

        public static final Phase POINT_OF_NO_RETURN = SPLIT_INFLIGHT;

        public Phase next() {
            return this == DONE ? DONE : values()[ordinal() + 1];
        }

        /** Whether a rollout whose next phase is this one can still be aborted. */
        public boolean abortable() {
            return compareTo(POINT_OF_NO_RETURN) <= 0;
        }

        /** The phase with its place, e.g. "3/6 FLIP_ACCOUNTS", for progress lines and reports. */
        public String numbered() {
            return this == DONE ? name() : (ordinal() + 1) + "/" + DONE.ordinal() + " " + name();
        }
    }

    /**
     * PENDING until first claimed; RUNNING while (or since) a run works on it; FAILED when a phase
     * failed or its gate refused (a resume claims it again); DONE and ABORTED are final.
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
