package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    @Test
    void jitteryTicksAddUpToExactlyRateTimesDuration() {
        Arrivals arrivals = new Arrivals(20);
        SplittableRandom random = new SplittableRandom(7);
        long total = 0;
        long nanos = 0;
        while (nanos < 2_000_000_000L) {
            nanos = Math.min(nanos + random.nextLong(1_000_000, 40_000_000), 2_000_000_000L);
            total += arrivals.due(Duration.ofNanos(nanos));
        }
        assertThat(total).isEqualTo(40);
    }

    @Test
    void fractionalRatesRoundDown() {
        Arrivals arrivals = new Arrivals(2.5);
        assertThat(arrivals.due(Duration.ofMillis(300))).isZero();
        assertThat(arrivals.due(Duration.ofMillis(400))).isEqualTo(1);
        assertThat(arrivals.due(Duration.ofSeconds(3))).isEqualTo(6);
    }

    @Test
    void aRepeatedTickAddsNothing() {
        Arrivals arrivals = new Arrivals(100);
        assertThat(arrivals.due(Duration.ofSeconds(1))).isEqualTo(100);
        assertThat(arrivals.due(Duration.ofSeconds(1))).isZero();
    }

    @Test
    void aZeroRateNeverArrives() {
        assertThat(new Arrivals(0).due(Duration.ofHours(1))).isZero();
    }
}
