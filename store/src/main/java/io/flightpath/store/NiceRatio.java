package io.flightpath.store;

import io.flightpath.core.FlightpathException;
import java.time.Duration;
import java.util.function.LongSupplier;

/** {@link Throttle#niceRatio}: a pause proportional to the time the last batch took. */
final class NiceRatio implements Throttle {
    private final double ratio;
    private final long minimumNanos;
    private final LongSupplier nanoTime;
    /** When the current batch started: the end of the last pause, or -1 before the first batch ends. */
    private long batchStart = -1;

    NiceRatio(double ratio, Duration minimum) {
        this(ratio, minimum, System::nanoTime);
    }

    NiceRatio(double ratio, Duration minimum, LongSupplier nanoTime) {
        if (!(ratio >= 0 && ratio <= 100) || minimum.isNegative()) {
            throw FlightpathException.invalid("nice ratio must be 0..100 and the minimum pause >= 0, were %s and %s", ratio, minimum);
        }
        this.ratio = ratio;
        this.minimumNanos = minimum.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Duration pauseAfterBatch() {
        long now = nanoTime.getAsLong();
        // the first batch has no start on record; it also paid for connecting and planning, so it does not count
        long worked = batchStart < 0 ? 0 : now - batchStart;
        long pause = Math.max(minimumNanos, (long) (worked * ratio));
        batchStart = now + pause;
        return Duration.ofNanos(pause);
    }
}
