package io.flightpath.split.replication;

/** How far a {@link RangeDeletion} is in one table: rows deleted so far of those counted when it began. */
public record DeletionProgress(String table, long deleted, long counted) {
}
