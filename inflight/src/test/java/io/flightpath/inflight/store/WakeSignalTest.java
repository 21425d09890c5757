package io.flightpath.inflight.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WakeSignalTest {
    @Test
    void everyRaiseWakesEveryWaiterOnce() throws InterruptedException {
        WakeSignal signal = new WakeSignal();
        WakeSignal.Waiter first = signal.waiter();
        WakeSignal.Waiter second = signal.waiter();

        signal.raise();

        // raised already, so neither waits
        assertThat(first.await(Duration.ofMinutes(1))).isTrue();
        assertThat(second.await(Duration.ofMinutes(1))).isTrue();
        assertThat(first.await(Duration.ofNanos(1))).as("the raise is used up").isFalse();
    }

    @Test
    void aWaiterSeesOnlyTheRaisesAfterItCameToBe() throws InterruptedException {
        WakeSignal signal = new WakeSignal();
        signal.raise();

        WakeSignal.Waiter late = signal.waiter();

        assertThat(late.await(Duration.ofNanos(1))).isFalse();
        signal.raise();
        assertThat(late.await(Duration.ofMinutes(1))).isTrue();
    }
}
