package io.flightpath.split.replication;

/**
 * A source database on shard0 and the same database name on shard1, with the replication link
 * between them; closing cuts the link, puts the replica back in strict mode and drops both.
 */
final class ShardPair implements AutoCloseable {
    final ShardServer source;
    final ShardServer target;
    final Replication replication;

    private ShardPair() {
        source = ShardRows.freshShard("shard0");
        target = ShardRows.sameDatabaseOn("shard1", source);
        replication = new Replication(source, target);
    }

    /** A source with the record schema and no rows, and no target database yet. */
    static ShardPair fresh() {
        return new ShardPair();
    }

    /** A source with {@code rows} calls and as many messages, cloned onto the target, which replicates from it. */
    static ShardPair replicating(long rows) {
        ShardPair pair = new ShardPair();
        ShardRows.insert(pair.source, 1, rows);
        pair.replication.start(new SnapshotCopy(pair.source, pair.target).copy(p -> { }).position());
        return pair;
    }

    @Override
    public void close() {
        replication.cut();
        replication.setIdempotent(false);
        ShardRows.drop(source);
        ShardRows.drop(target);
    }
}
