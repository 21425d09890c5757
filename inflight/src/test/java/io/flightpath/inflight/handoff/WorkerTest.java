package io.flightpath.inflight.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.FlightpathException;
import io.flightpath.inflight.store.WakeSignal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerTest {
    private static final Duration NEVER = Duration.ofHours(1);

    @Test
    void aWakeStartsThePassOnlyAfterTheLingerSoThatRaisesMeanwhileJoinIt() throws Exception {
        Duration linger = Duration.ofMillis(300);
        WakeSignal wake = new WakeSignal();
        List<Long> passesAt = new CopyOnWriteArrayList<>();
        CountDownLatch second = new CountDownLatch(2);
        try (Worker w = new Worker("test", () -> {
            passesAt.add(System.nanoTime());
            second.countDown();
            return 0;
        }, NEVER, linger, NEVER, wake)) {
            w.start();
            awaitPasses(passesAt, 1);
            long raisedAt = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                wake.raise(); // a burst of finished records
            }
            assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
            // a lower bound only: a busy machine makes the pass later, never earlier
            assertThat(passesAt.get(1) - raisedAt).isGreaterThanOrEqualTo(linger.toNanos());
        }
        // the burst made one pass, not five: every raise before it was seen by the one wait
        assertThat(passesAt).hasSize(2);
    }

    @Test
    void withoutALingerAWakeStartsThePassAndCloseEndsALingerAtOnce() throws Exception {
        WakeSignal wake = new WakeSignal();
        List<Long> passesAt = new CopyOnWriteArrayList<>();
        Worker w = new Worker("test", () -> {
            passesAt.add(System.nanoTime());
            return 0;
        }, NEVER, Duration.ZERO, NEVER, wake);
        w.start();
        awaitPasses(passesAt, 1);
        wake.raise();
        awaitPasses(passesAt, 2);
        w.close();

        List<Long> lingeringPasses = new CopyOnWriteArrayList<>();
        Worker lingering = new Worker("test", () -> {
            lingeringPasses.add(System.nanoTime());
            return 0;
        }, NEVER, NEVER, NEVER, wake);
        lingering.start();
        awaitPasses(lingeringPasses, 1);
        wake.raise(); // it lingers for an hour now
        long closing = System.nanoTime();
        lingering.close(); // stops within the linger of an hour
        assertThat(System.nanoTime() - closing).isLessThan(Duration.ofMinutes(1).toNanos());
    }

    @Test
    void aLingerBeyondASecondIsRefused() {
        assertThatThrownBy(() -> HandoffConfig.DEFAULTS.withLinger(Duration.ofSeconds(2)))
                .isInstanceOf(FlightpathException.class)
                .hasMessage("linger must be from 0 to PT1S, was PT2S");
    }

    private static void awaitPasses(List<Long> passes, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (passes.size() < n) {
            assertThat(System.nanoTime()).as("%d passes within 30 s", n).isLessThan(deadline);
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }
}
