package io.flightpath.split.workflow;

import io.flightpath.core.FlightpathException;
import java.time.Duration;

/** Waiting between polls of something the split cannot be told about (acknowledgements, lag). */
final class Pause {
    private Pause() {
    }

    static void of(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlightpathException.unavailable("the split was interrupted; resume it with --resume");
        }
    }
}
