package io.flightpath.postflight.api;

import java.util.List;

/**
 * What one post-flight shard holds, for operators: the accounts with records on it and, per
 * record table, its rows and bytes. Rows and bytes are the server's statistics (InnoDB's estimate
 * of the rows), cheap to read at any size; accounts are counted exactly.
 */
public record ShardStats(String shard, long accounts, List<TableStats> tables) {
    public ShardStats {
        tables = List.copyOf(tables);
    }

    /** One table of a shard: about how many rows, and the bytes of its data and of its indexes. */
    public record TableStats(String table, long rows, long dataBytes, long indexBytes) {
    }
}
