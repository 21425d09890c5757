package io.flightpath.split.replication;

import java.time.Duration;

/** How far a {@link SnapshotCopy} is: rows written to the target so far, of an estimated total. */
public record CopyProgress(String table, long rowsCopied, long rowsEstimated, Duration elapsed) {
    /** Rows written per second since the copy started. */
    public double rowsPerSecond() {
        return Rates.perSecond(rowsCopied, elapsed);
    }
}
