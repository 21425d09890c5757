package io.flightpath.legacy.rekey;

import io.flightpath.core.FlightpathException;
import io.flightpath.store.Throttle;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the shard key migration shares the legacy database with live traffic. Validated when built.
 *
 * @param batchRows  rows the backfill keys per transaction, and ids the check reads per query: 1..10,000
 * @param pacing     makes the pause after each batch, one per backfill or check (a throttle keeps state)
 * @param lockWait   how long one ALTER waits for the table's locks (metadata, and InnoDB's table
 *                   lock at its end) before it gives up and tries again: while it waits, new
 *                   queries on the table queue behind it. Whole seconds, as MariaDB counts them
 * @param alterTries how often an ALTER tries to get that lock before the step fails (and may be rerun)
 * @param requireKey whether the key column becomes NOT NULL, as on a fresh shard: an online
 *                   rebuild of both tables, the costliest step under load
 */
public record RekeySettings(int batchRows, Supplier<Throttle> pacing, Duration lockWait, int alterTries, boolean requireKey) {
    public static final int DEFAULT_BATCH_ROWS = 200;

    public RekeySettings {
        if (batchRows < 1 || batchRows > 10_000) {
            throw FlightpathException.invalid("batch rows must be 1..10000, was %d", batchRows);
        }
        Objects.requireNonNull(pacing, "pacing");
        if (lockWait.toSeconds() < 1 || lockWait.toSeconds() > 3600 || lockWait.toNanosPart() != 0) {
            throw FlightpathException.invalid("lock wait must be whole seconds, 1 s..1 h, was %s", lockWait);
        }
        if (alterTries < 1) {
            throw FlightpathException.invalid("alter tries must be >= 1, was %d", alterTries);
        }
    }

    /** Batches of 200 paced by the split's nice ratio, a 1 s lock wait tried 20 times, the column made NOT NULL. */
    public static RekeySettings defaults() {
        return new RekeySettings(DEFAULT_BATCH_ROWS, niceRatio(Throttle.DEFAULT_NICE_RATIO), Duration.ofSeconds(1), 20, true);
    }

    /** After each batch, a pause {@code ratio} times as long as the batch took ({@link Throttle#niceRatio}). */
    public static Supplier<Throttle> niceRatio(double ratio) {
        Throttle.niceRatio(ratio, Duration.ZERO); // refuses a bad ratio now rather than at the first batch
        return () -> Throttle.niceRatio(ratio, Duration.ZERO);
    }

    public RekeySettings withBatchRows(int rows) {
        return new RekeySettings(rows, pacing, lockWait, alterTries, requireKey);
    }

    public RekeySettings withPacing(Supplier<Throttle> throttle) {
        return new RekeySettings(batchRows, throttle, lockWait, alterTries, requireKey);
    }

    public RekeySettings withRequireKey(boolean required) {
        return new RekeySettings(batchRows, pacing, lockWait, alterTries, required);
    }
}
