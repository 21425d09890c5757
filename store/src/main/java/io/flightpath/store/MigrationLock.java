package io.flightpath.store;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * A server-wide named lock (MariaDB's {@code GET_LOCK}) held while one process migrates a
 * database. Flyway's own table lock covers applying scripts but not creating the history table
 * of a set that meets a non-empty schema (its baseline): two nodes opening the same fresh shard
 * at once could both try to baseline, and one failed with "history table already exists, and is
 * empty". With this lock the second node waits and then finds every script applied.
 */
final class MigrationLock implements AutoCloseable {
    /** Long enough for the slowest migration a node would wait behind, short enough to report a stuck one. */
    static final int WAIT_SECONDS = 120;

    private final Connection held;
    private final String lockName;

    private MigrationLock(Connection held, String lockName) {
        this.held = held;
        this.lockName = lockName;
    }

    static MigrationLock take(DatabaseConfig config) {
        String lockName = lockName(config.database());
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:mariadb://" + config.address() + "/", config.user(), config.password());
            try (PreparedStatement s = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                s.setString(1, lockName);
                s.setInt(2, WAIT_SECONDS);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != 1) {
                        throw new FlightpathException(ErrorCode.UNAVAILABLE, "another node has been migrating the "
                                + config.database() + " database at " + config.address() + " for over " + WAIT_SECONDS + " s");
                    }
                }
            }
            return new MigrationLock(c, lockName);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "cannot take the migration lock on the database server at "
                    + config.address() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Lock names are at most 64 characters; a database name may be 64 on its own. */
    static String lockName(String database) {
        String name = "flightpath.migrate." + database;
        if (name.length() <= 64) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(database.getBytes(StandardCharsets.UTF_8));
        return name.substring(0, 55) + "." + HexFormat.of().toHexDigits((int) crc.getValue());
    }

    @Override
    public void close() {
        // closing the session releases the lock even if RELEASE_LOCK is never reached
        try (PreparedStatement s = held.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            s.setString(1, lockName);
            s.executeQuery().close();
        } catch (SQLException ignored) {
            // the connection's close below releases it
        } finally {
            closeQuietly(held);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
