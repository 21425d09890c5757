package io.flightpath.control.api;

import java.time.Instant;
import java.util.Map;

/**
 * What a running split is doing, as its runner last reported it: the step, the work done of it
 * (rows copied or deleted) and its rate, an estimate of the step's time left, the replication lag
 * it last measured, the pacing it runs with, what it waits for, and how long each step it
 * finished in this run took. Progress to look at, not state: the workflow's row is the state.
 *
 * @param total         0 when unknown
 * @param etaSeconds    null when the rate or the total is unknown
 * @param lagSeconds    null until the split measured it
 * @param note          what the step waits for, or null
 * @param stepSeconds   the steps finished in this run, in order, with their seconds
 */
public record SplitLive(String step, long done, long total, String unit, double perSecond, Long etaSeconds, Long lagSeconds,
                        double niceRatio, String note, Map<String, Double> stepSeconds, Instant updatedAt) {
    public SplitLive {
        stepSeconds = stepSeconds == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepSeconds));
    }
}
