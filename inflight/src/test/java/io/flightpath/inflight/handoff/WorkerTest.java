package io.flightpath.inflight.handoff;

import static org.awaitility.Awaitility.await;

import io.flightpath.core.FlightpathException;
import io.flightpath.inflight.store.WakeSignal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerTest {
    @Test
    void withTheDefaultBackoffWorkResumesWithinTwoSecondsOfTheDependencyComingBack() {
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger passes = new AtomicInteger();
        try (Worker worker = new Worker("test-relay", () -> {
            if (down.get()) {
                failures.incrementAndGet();
                throw FlightpathException.unavailable("post-flight is down (test)");
            }
            return passes.incrementAndGet() > 0 ? 0 : 1;
        }, Duration.ofMillis(20), HandoffConfig.DEFAULTS.maxBackoff(), new WakeSignal())) {
            worker.start();
            // six failures in a row: an uncapped doubling would now wait 3.2 s before the next try
            await().atMost(Duration.ofSeconds(10)).until(() -> failures.get() >= 6);
            down.set(false);

            await().atMost(Duration.ofSeconds(2)).until(() -> passes.get() > 0);
        }
    }
}
