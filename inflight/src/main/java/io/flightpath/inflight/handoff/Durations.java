package io.flightpath.inflight.handoff;

import io.flightpath.core.FlightpathException;
import java.time.Duration;

/** Start-up checks of the durations in configuration records. */
final class Durations {
    private Durations() {
    }

    static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw FlightpathException.invalid("%s must be a positive duration, was %s", field, value);
        }
    }
}
