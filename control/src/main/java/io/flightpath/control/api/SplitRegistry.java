package io.flightpath.control.api;

import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.core.sharding.KeyRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persisted split workflows in the control store. One unfinished split per source shard; a run
 * claims a split before working on it, and a claim whose heartbeat is older than the given
 * staleness can be taken over (the process that held it died). Thread-safe.
 */
public interface SplitRegistry {

    /** Records a new split, PENDING at the first step; CONFLICT when the source already has an unfinished one. */
    SplitRecord create(String source, String target, KeyRange range);

    Optional<SplitRecord> find(long id);

    /** The unfinished splits, and the last finished ones, newest first. */
    List<SplitRecord> list(int limit);

    /**
     * Claims the split for {@code owner} and marks it running; CONFLICT when another owner's
     * heartbeat is fresher than {@code stale}, FAILED_PRECONDITION when it is finished. Also
     * renews the heartbeat of the current owner.
     */
    SplitRecord claim(long id, String owner, Duration stale);

    /** Saves a finished step: the next step, merged outputs and state, only if {@code owner} holds the claim. */
    SplitRecord advance(long id, String owner, Step nextStep, State state, Map<String, String> outputs, String error);

    /** Stores what the split's runner reports it is doing now; NOT_FOUND for an unknown split. */
    void report(long id, SplitLive live);

    /** What the split's runner last reported, if it reported anything. */
    Optional<SplitLive> live(long id);
}
