package io.flightpath.legacy.rekey;

/** How far a batched step of the shard key migration is in one table: rows done so far, and at most how many are left. */
public record RekeyProgress(ShardKeyMigration.Step step, String table, long done, long left) {
}
