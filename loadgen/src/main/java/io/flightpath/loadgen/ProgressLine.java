package io.flightpath.loadgen;

import java.time.Duration;

/**
 * The run so far: records created, events and reads sent, requests that finally failed, and the
 * p99 latency in ms of every request in the last second.
 */
public record ProgressLine(Duration elapsed, Duration duration, long calls, long messages, long events, long reads,
                           long errors, double p99Millis) {

    /** {@code   12s/60s  calls 1200  messages 600  events 3600  reads 900  errors 0  p99 14 ms} */
    public String format() {
        return "  %ds/%ds  calls %d  messages %d  events %d  reads %d  errors %d  p99 %d ms".formatted(
                elapsed.toSeconds(), duration.toSeconds(), calls, messages, events, reads, errors, Math.round(p99Millis));
    }
}
