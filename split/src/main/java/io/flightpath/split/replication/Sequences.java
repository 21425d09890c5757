package io.flightpath.split.replication;

import io.flightpath.core.FlightpathException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Disjoint row-id sequences for a source and its target while both may take writes of one key
 * range: odd ids on the source, even on the target, so no two rows ever share an id.
 *
 * <p>The trap: these are GLOBAL settings, and a connection copies them into its session when
 * it opens. Connections that were already open (every idle connection in a pool) keep the old
 * values after {@link #split()}; recycle the pools (Hikari's
 * {@code getHikariPoolMXBean().softEvictConnections()}) and check with {@link #verify} before
 * moving writes. Nor do they survive a server restart: call {@link #split()} again after one.
 */
public final class Sequences {
    private final ShardServer source;
    private final ShardServer target;

    public Sequences(ShardServer source, ShardServer target) {
        this.source = source;
        this.target = target;
    }

    /** Sets odd ids on the source and even ids on the target (GLOBAL). Idempotent. */
    public void split() {
        set(source, SequenceSettings.SOURCE);
        set(target, SequenceSettings.TARGET);
    }

    /** Sets both servers back to 1, 2, 3, ... (GLOBAL). Idempotent. */
    public void unsplit() {
        set(source, SequenceSettings.SINGLE);
        set(target, SequenceSettings.SINGLE);
    }

    /** What new connections to {@code server} will use. */
    public static SequenceSettings global(ShardServer server) {
        return server.onServer("reading auto_increment settings", c -> read(c, "GLOBAL"));
    }

    /** What {@code connection} actually uses: its session values, whatever the server's global ones are now. */
    public static SequenceSettings session(Connection connection) throws SQLException {
        return read(connection, "SESSION");
    }

    /**
     * Throws FAILED_PRECONDITION unless {@code connection} (typically one taken from a pool)
     * uses {@code expected}; a connection opened before {@link #split()} fails this.
     */
    public static void verify(Connection connection, SequenceSettings expected) throws SQLException {
        SequenceSettings actual = session(connection);
        if (!actual.equals(expected)) {
            throw FlightpathException.failedPrecondition("a connection to %s uses auto_increment increment %d offset %d, expected %d and %d; "
                    + "recycle its pool", connection.getMetaData().getURL(), actual.increment(), actual.offset(),
                    expected.increment(), expected.offset());
        }
    }

    private static void set(ShardServer server, SequenceSettings settings) {
        server.execute("setting auto_increment " + settings.increment() + "/" + settings.offset(),
                "SET GLOBAL auto_increment_increment = " + settings.increment(),
                "SET GLOBAL auto_increment_offset = " + settings.offset());
    }

    private static SequenceSettings read(Connection c, String scope) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@" + scope + ".auto_increment_increment, @@" + scope + ".auto_increment_offset")) {
            rs.next();
            return new SequenceSettings(rs.getInt(1), rs.getInt(2));
        }
    }
}
