package io.flightpath.split.replication;

import java.util.List;

/** {@link TableChecksum}s of a shard's keyed tables, in their declared order; equal means same rows. */
public record Checksums(List<TableChecksum> tables) {
    public Checksums {
        tables = List.copyOf(tables);
    }

    public long rows() {
        return tables.stream().mapToLong(TableChecksum::rows).sum();
    }

    @Override
    public String toString() {
        return String.join("; ", tables.stream().map(TableChecksum::toString).toList());
    }
}
