package io.flightpath.split.replication;

import io.flightpath.core.sharding.KeyRange;

/** Checksums of one key range on a source and on its replica, both as of the same GTID position. */
public record PositionedChecksums(KeyRange range, GtidPosition position, Checksums source, Checksums target) {
    public boolean match() {
        return source.equals(target);
    }
}
