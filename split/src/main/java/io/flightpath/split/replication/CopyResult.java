package io.flightpath.split.replication;

import java.time.Duration;

/**
 * A finished {@link SnapshotCopy}: the source GTID position of the snapshot it copied (the
 * position the target replicates from), the rows written and the time it took.
 */
public record CopyResult(GtidPosition position, long rows, Duration elapsed) {
    /** Rows written per second over the whole copy, schema included. */
    public double rowsPerSecond() {
        return Rates.perSecond(rows, elapsed);
    }
}
