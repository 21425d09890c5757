package io.flightpath.split.replication;

import io.flightpath.core.ShardKey;

/**
 * The rows of one table in a set of key ranges: how many, and the XOR of a 64-bit hash of each
 * row's content (every column but the local id). Order-free, so two servers agree exactly when
 * they hold the same rows; checksums of disjoint sets of rows combine with {@link #plus}.
 */
public record TableChecksum(String table, long rows, long checksum) {
    public TableChecksum plus(TableChecksum other) {
        return new TableChecksum(table, rows + other.rows, checksum ^ other.checksum);
    }

    @Override
    public String toString() {
        return table + ": " + rows + " rows, checksum " + ShardKey.hex(checksum);
    }
}
