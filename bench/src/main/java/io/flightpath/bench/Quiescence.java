package io.flightpath.bench;

import io.flightpath.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Has a server write back the dirty pages of a bulk load and waits until it has: measured before
 * that, the "before" latency would carry the seeding's flushing, not the steady state. InnoDB
 * writes back lazily while the redo log has room, so the server is told to flush everything
 * ({@code innodb_max_dirty_pages_pct = 0}) and given its setting back afterwards.
 */
public final class Quiescence {
    private static final Duration POLL = Duration.ofMillis(500);

    private Quiescence() {
    }

    /** Returns how long it waited; stops waiting after {@code limit} (the figures then say so). */
    public static Duration await(DatabaseConfig server, double dirtyShare, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement s = c.createStatement()) {
            String setting;
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.innodb_max_dirty_pages_pct")) {
                rs.next();
                setting = rs.getString(1);
            }
            s.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
            try {
                while (System.nanoTime() < deadline && dirty(s) > dirtyShare) {
                    Thread.sleep(POLL);
                }
            } finally {
                s.execute("SET GLOBAL innodb_max_dirty_pages_pct = " + Double.parseDouble(setting));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the buffer pool state of " + server.host() + ":" + server.port(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the seeded shard to settle", e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static double dirty(Statement s) throws SQLException {
        long dirty = 0;
        long total = 1;
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN "
                + "('Innodb_buffer_pool_pages_dirty', 'Innodb_buffer_pool_pages_total')")) {
            while (rs.next()) {
                if (rs.getString(1).equalsIgnoreCase("Innodb_buffer_pool_pages_dirty")) {
                    dirty = rs.getLong(2);
                } else {
                    total = Math.max(1, rs.getLong(2));
                }
            }
        }
        return (double) dirty / total;
    }
}
