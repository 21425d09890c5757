package io.flightpath.core;

import java.time.Instant;

/** Instants from {@code from} (inclusive) to {@code to} (exclusive); a null end is open. */
public record TimeRange(Instant from, Instant to) {
    public static final TimeRange ANY = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw FlightpathException.invalid("time range is empty: %s is not before %s", from, to);
        }
    }

    public boolean isAny() {
        return from == null && to == null;
    }

    /** Whether {@code t} lies in the range; a null {@code t} lies only in the open range. */
    public boolean contains(Instant t) {
        if (t == null) {
            return isAny();
        }
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }
}
