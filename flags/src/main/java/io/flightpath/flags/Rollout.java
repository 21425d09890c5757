package io.flightpath.flags;

import io.flightpath.core.FlightpathException;

/**
 * A percentage rollout: accounts whose bucket falls below {@code percent} get {@code value}.
 * Percentages have at most two decimals, so that they map exactly onto {@link Bucketing}'s 10,000 buckets.
 */
public record Rollout(double percent, String value) {
    public Rollout {
        if (!(percent >= 0 && percent <= 100)) {
            throw FlightpathException.invalid("percent must be a number from 0 to 100, was %s", percent);
        }
        if (Math.abs(percent * 100 - Math.rint(percent * 100)) > 1e-6) {
            throw FlightpathException.invalid("percent has at most two decimals, was %s", percent);
        }
    }

    /** The buckets (of {@link Bucketing#BUCKETS}) that are in: those below this number. */
    public int threshold() {
        return (int) Math.rint(percent * 100);
    }
}
