package io.flightpath.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.FlightpathException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NiceRatioTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void work(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /** The caller sleeps the pause it was given, as RangeDeletion and SnapshotCopy do. */
    private Duration batchThenPause(NiceRatio throttle, Duration batch) {
        work(batch);
        Duration pause = throttle.pauseAfterBatch();
        work(pause);
        return pause;
    }

    @Test
    void pausesRatioTimesTheBatchItFollows() {
        NiceRatio throttle = new NiceRatio(2, Duration.ZERO, now::get);
        assertThat(batchThenPause(throttle, Duration.ofMillis(40))).as("the first batch has no start on record").isZero();

        assertThat(batchThenPause(throttle, Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(20));
        assertThat(batchThenPause(throttle, Duration.ofMillis(30))).isEqualTo(Duration.ofMillis(60));
        assertThat(batchThenPause(throttle, Duration.ofMillis(1))).as("the pause does not count as work")
                .isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void neverPausesLessThanTheMinimum() {
        NiceRatio throttle = new NiceRatio(0.5, Duration.ofMillis(5), now::get);
        assertThat(batchThenPause(throttle, Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(5));
        assertThat(batchThenPause(throttle, Duration.ofMillis(2))).isEqualTo(Duration.ofMillis(5));
        assertThat(batchThenPause(throttle, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void ratioZeroIsTheMinimumAlone() {
        NiceRatio throttle = new NiceRatio(0, Duration.ZERO, now::get);
        batchThenPause(throttle, Duration.ofMillis(3));
        assertThat(batchThenPause(throttle, Duration.ofSeconds(3))).isZero();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new NiceRatio(-1, Duration.ZERO)).isInstanceOf(FlightpathException.class)
                .hasMessageContaining("nice ratio");
        assertThatThrownBy(() -> new NiceRatio(Double.NaN, Duration.ZERO)).isInstanceOf(FlightpathException.class);
        assertThatThrownBy(() -> new NiceRatio(1, Duration.ofMillis(-1))).isInstanceOf(FlightpathException.class);
    }
}
