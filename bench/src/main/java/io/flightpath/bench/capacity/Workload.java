package io.flightpath.bench.capacity;

import java.time.Duration;

/**
 * The load a plan is for: new calls and messages a second, how often the API reads each record
 * (fetches of it and pages of its account), how long post-flight keeps records, and how fast the
 * load grows.
 *
 * @param growthPerYear the factor the load is multiplied by in a year (10 for 10x); 1 for no growth
 */
public record Workload(double callsPerSecond, double messagesPerSecond, double fetchesPerRecord, double pagesPerRecord,
                       Duration retention, double growthPerYear) {
    public Workload {
        if (!(callsPerSecond >= 0) || !(messagesPerSecond >= 0) || callsPerSecond + messagesPerSecond <= 0) {
            throw new IllegalArgumentException("calls and messages per second must be >= 0, and not both 0; were "
                    + callsPerSecond + " and " + messagesPerSecond);
        }
        if (!(fetchesPerRecord >= 0) || !(pagesPerRecord >= 0)) {
            throw new IllegalArgumentException("fetches and pages per record must be >= 0, were " + fetchesPerRecord + " and " + pagesPerRecord);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be > 0, was " + retention);
        }
        if (!(growthPerYear >= 1) || Double.isInfinite(growthPerYear)) {
            throw new IllegalArgumentException("growth must be a factor >= 1 a year (1x for none), was " + growthPerYear);
        }
    }

    public double recordsPerSecond() {
        return callsPerSecond + messagesPerSecond;
    }

    /** The same mix at {@code factor} times the rate. */
    public Workload times(double factor) {
        return new Workload(callsPerSecond * factor, messagesPerSecond * factor, fetchesPerRecord, pagesPerRecord, retention, growthPerYear);
    }
}
