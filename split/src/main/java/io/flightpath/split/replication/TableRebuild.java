package io.flightpath.split.replication;

import io.flightpath.core.FlightpathException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Rebuilds keyed tables online to give back the space of deleted rows
 * ({@code ALTER TABLE ... FORCE, ALGORITHM=INPLACE, LOCK=NONE}): reads and writes go on while it
 * runs. Kept out of the binlog, since each server rebuilds its own tables. Safe to repeat.
 */
public final class TableRebuild {
    private final ShardServer server;
    private final Duration lockWait;

    /**
     * @param lockWait how long the ALTER may wait for its brief metadata lock; while it waits,
     *                 new queries on the table queue behind it, so a long transaction must make
     *                 it fail (and be retried later) rather than stall traffic
     */
    public TableRebuild(ShardServer server, Duration lockWait) {
        if (lockWait.isNegative() || lockWait.isZero() || lockWait.toSeconds() > 3600) {
            throw FlightpathException.invalid("lock wait must be 1 s..1 h, was %s", lockWait);
        }
        this.server = server;
        this.lockWait = lockWait;
    }

    /** The sizes of one table before and after its rebuild. */
    public record Rebuilt(TableSize before, TableSize after) {
        public boolean smaller() {
            return after.fileBytes() < before.fileBytes();
        }
    }

    /** Rebuilds {@code table} of the shard database and returns its size before and after. */
    public Rebuilt rebuild(String table) {
        TableSize before = TableSize.of(server, table);
        server.onDatabase("rebuilding " + table, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_log_bin = 0");
                s.execute("SET SESSION lock_wait_timeout = " + Math.max(1, lockWait.toSeconds()));
                s.execute("ALTER TABLE " + Sql.identifier(table) + " FORCE, ALGORITHM=INPLACE, LOCK=NONE");
            }
            return null;
        });
        return new Rebuilt(before, TableSize.of(server, table));
    }
}
