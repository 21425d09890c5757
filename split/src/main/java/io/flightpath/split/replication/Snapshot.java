package io.flightpath.split.replication;

import io.flightpath.core.FlightpathException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A consistent InnoDB snapshot of a shard database and the GTID position of exactly that
 * snapshot: every read on {@link #connection()} sees the transactions up to {@link #position()}
 * and none after. Holds one connection in an open transaction until closed; keep it short, since
 * the server keeps old row versions for it. Not thread-safe. DDL is outside any snapshot: the
 * schema read through it is the current one.
 */
public final class Snapshot implements AutoCloseable {
    private final ShardServer server;
    private final Connection connection;
    private final GtidPosition position;

    private Snapshot(ShardServer server, Connection connection, GtidPosition position) {
        this.server = server;
        this.connection = connection;
        this.position = position;
    }

    /** Opens a snapshot of {@code server}'s database; the binlog must be on (it is on every cluster server). */
    public static Snapshot open(ShardServer server) {
        Connection c = null;
        try {
            c = server.connect();
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                c.setAutoCommit(false);
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                // MariaDB reports the binlog file and offset that match this very snapshot, so a
                // write committed while we open it is either in both or in neither
                String file = null;
                long offset = -1;
                try (ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                    while (rs.next()) {
                        if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_file")) {
                            file = rs.getString(2);
                        } else if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_position")) {
                            offset = rs.getLong(2);
                        }
                    }
                }
                if (file == null || file.isEmpty() || offset < 0) {
                    throw FlightpathException.failedPrecondition("%s reports no binlog snapshot position: is its binlog on?", server);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
                    ps.setString(1, file);
                    ps.setLong(2, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String gtid = rs.getString(1);
                        if (gtid == null) {
                            throw FlightpathException.failedPrecondition("%s cannot map binlog position %s:%d to a GTID position",
                                    server, file, offset);
                        }
                        return new Snapshot(server, c, GtidPosition.parse(gtid));
                    }
                }
            }
        } catch (SQLException e) {
            closeAfterFailure(c, e);
            throw server.failure("opening a consistent snapshot", e);
        } catch (RuntimeException e) {
            closeAfterFailure(c, e);
            throw e;
        }
    }

    private static void closeAfterFailure(Connection c, Exception cause) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException closing) {
            cause.addSuppressed(closing);
        }
    }

    public ShardServer server() {
        return server;
    }

    /** The source GTID position of the snapshot. */
    public GtidPosition position() {
        return position;
    }

    /** The connection that reads inside the snapshot; do not commit it, close the snapshot instead. */
    public Connection connection() {
        return connection;
    }

    /** Ends the read-only transaction and closes the connection. */
    @Override
    public void close() {
        try (Connection c = connection) {
            c.rollback();
        } catch (SQLException e) {
            throw server.failure("closing a consistent snapshot", e);
        }
    }
}
