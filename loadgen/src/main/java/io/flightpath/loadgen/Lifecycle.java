package io.flightpath.loadgen;

import io.flightpath.core.RecordStatus;
import io.flightpath.core.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The status events the simulated platform will send for one record, in order, each after its
 * delay. The record starts queued (the API creates it so); the last step is post-flight.
 */
record Lifecycle(RecordKind kind, List<Step> steps) {

    Lifecycle {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !steps.getLast().status().isPostFlight()) {
            throw new IllegalArgumentException("a lifecycle must end in a post-flight status: " + steps);
        }
    }

    RecordStatus finalStatus() {
        return steps.getLast().status();
    }

    /** One status event and how long the platform waits before sending it. */
    record Step(RecordStatus status, Duration delay, String answeredBy, Integer errorCode, String errorMessage) {

        static Step of(RecordStatus status, Duration delay) {
            return new Step(status, delay, null, null, null);
        }

        StatusEvent event(String sid, Instant at) {
            return new StatusEvent(sid, status.wire(), at, answeredBy, errorCode, errorMessage);
        }
    }
}
