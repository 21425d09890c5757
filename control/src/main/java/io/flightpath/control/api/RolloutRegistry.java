package io.flightpath.control.api;

import io.flightpath.control.api.RolloutRecord.Phase;
import io.flightpath.control.api.RolloutRecord.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persisted rollouts in the control store: at most one unfinished at a time; a run claims it
 * before working on it, and a claim whose heartbeat is older than the given staleness can be taken
 * over (the process that held it died). Thread-safe.
 */
public interface RolloutRegistry {

    /** Records a new rollout, PENDING at the first phase; CONFLICT when one is unfinished. */
    RolloutRecord create();

    Optional<RolloutRecord> find(long id);

    /** The newest rollouts first. */
    List<RolloutRecord> list(int limit);

    /** Claims the rollout for {@code owner} and marks it running; CONFLICT while another owner's heartbeat is fresh, FAILED_PRECONDITION once finished. */
    RolloutRecord claim(long id, String owner, Duration stale);

    /** Saves a phase's end: the next phase, merged outputs and state, only if {@code owner} holds the claim. */
    RolloutRecord advance(long id, String owner, Phase nextPhase, State state, Map<String, String> outputs, String error);
}
