package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrafficTest {

    @Test
    void aStopEndsTheArrivalsLongBeforeTheDuration() {
        URI nowhere = URI.create("http://127.0.0.1:9");
        // one call in 1000 s: no arrival is due while the test runs, so driver and reader stay unused
        LoadConfig config = LoadConfig.builder(nowhere, nowhere, nowhere, "token")
                .callsPerSecond(0.001).messagesPerSecond(0).readersPerSecond(0)
                .duration(Duration.ofHours(1))
                .build();
        Traffic traffic = new Traffic(config, new AccountPicker(List.of(new LoadAccount("AC" + "0".repeat(32), "t"))),
                new LifecycleDriver(null, null, null, null), new Reader(null, null, null));
        AtomicInteger checks = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        try (TaskGroup tasks = new TaskGroup("test arrivals")) {
            traffic.run(ticker, tasks, () -> checks.incrementAndGet() > 5);
        } finally {
            ticker.shutdownNow();
        }

        assertThat(checks.get()).isEqualTo(6);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
