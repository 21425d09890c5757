package io.flightpath.split.replication;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The GTID replication link that makes a target shard a replica of its source during a split,
 * as one named MariaDB replication connection on the target ({@code split_from_SOURCE}), so it
 * never touches another link the target may have. Every method observes first and acts only if
 * needed, so a workflow step may rerun it after a crash. A link that stopped on an error
 * surfaces as {@link BrokenReplication}. Not thread-safe: one workflow drives one link.
 */
public final class Replication {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration WAIT_SLICE = Duration.ofSeconds(1);

    private final ShardServer source;
    private final ShardServer target;
    private final String connection;

    public Replication(ShardServer source, ShardServer target) {
        if (source.sameServerAs(target)) {
            throw FlightpathException.invalid("a server cannot replicate from itself: %s", source.config().address());
        }
        this.source = source;
        this.target = target;
        this.connection = "split_from_" + source.name();
    }

    public ShardServer source() {
        return source;
    }

    public ShardServer target() {
        return target;
    }

    /** The name of the replication connection on the target. */
    public String connectionName() {
        return connection;
    }

    /**
     * Makes the target replicate from the source, starting after {@code from} (the position of
     * the snapshot the target was cloned from). When the link already exists to this source it
     * is only started if stopped, and {@code from} is ignored: the target's own applied position
     * is the truth then. Throws FAILED_PRECONDITION when the link points elsewhere and
     * {@link BrokenReplication} when it stopped on an error.
     */
    public void start(GtidPosition from) {
        ReplicationStatus s = status();
        if (s.configured()) {
            if (!s.sourceHost().equals(source.config().host()) || s.sourcePort() != source.config().port()) {
                throw FlightpathException.failedPrecondition("%s already has connection '%s' from %s:%d, not from %s",
                        target.name(), connection, s.sourceHost(), s.sourcePort(), source);
            }
            requireHealthy(s);
            if (!s.running()) {
                target.execute("starting replication from " + source.name(), "START SLAVE " + Sql.literal(connection));
            }
            return;
        }
        var login = source.config();
        target.execute("setting up replication from " + source.name(),
                // needs every replication connection of the target stopped: it is the one global applied position
                "SET GLOBAL gtid_slave_pos = " + Sql.literal(from.toString()),
                "CHANGE MASTER " + Sql.literal(connection) + " TO MASTER_HOST = " + Sql.literal(login.host())
                        + ", MASTER_PORT = " + login.port()
                        + ", MASTER_USER = " + Sql.literal(login.user())
                        + ", MASTER_PASSWORD = " + Sql.literal(login.password())
                        + ", MASTER_CONNECT_RETRY = 1, MASTER_USE_GTID = slave_pos",
                "START SLAVE " + Sql.literal(connection));
    }

    /** The link as the target reports it now; {@code configured()} is false when there is none. */
    public ReplicationStatus status() {
        return target.onServer("reading replication status", c -> {
            GtidPosition applied;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_slave_pos")) {
                rs.next();
                applied = GtidPosition.parse(rs.getString(1));
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW ALL SLAVES STATUS")) {
                while (rs.next()) {
                    if (!connection.equals(rs.getString("Connection_name"))) {
                        continue;
                    }
                    long behind = rs.getLong("Seconds_Behind_Master");
                    OptionalLong secondsBehind = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(behind);
                    return new ReplicationStatus(connection, true, rs.getString("Master_Host"), rs.getInt("Master_Port"),
                            !"No".equals(rs.getString("Slave_IO_Running")), "Yes".equals(rs.getString("Slave_SQL_Running")),
                            rs.getInt("Last_IO_Errno"), rs.getString("Last_IO_Error"),
                            rs.getInt("Last_SQL_Errno"), rs.getString("Last_SQL_Error"),
                            secondsBehind, GtidPosition.parse(rs.getString("Gtid_IO_Pos")), applied);
                }
            }
            return ReplicationStatus.absent(connection, applied);
        });
    }

    /** What the source has written to its binlog so far ({@code @@gtid_binlog_pos}). */
    public GtidPosition sourcePosition() {
        return source.onServer("reading the binlog position", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
                rs.next();
                return GtidPosition.parse(rs.getString(1));
            }
        });
    }

    /**
     * Whether the target has applied everything the source had logged when asked, in every
     * domain of the source's binlog. Throws {@link BrokenReplication} when the link stopped on
     * an error.
     */
    public boolean caughtUp() {
        GtidPosition logged = sourcePosition();
        ReplicationStatus s = requireHealthy(status());
        return s.applied().reached(logged);
    }

    /**
     * The replica's own lag estimate in seconds ({@code Seconds_Behind_Master}); empty when a
     * thread is not running. Throws {@link BrokenReplication} when the link stopped on an error.
     */
    public OptionalLong lagSeconds() {
        return requireHealthy(status()).secondsBehind();
    }

    /**
     * Waits until the target has applied {@code position} ({@code MASTER_GTID_WAIT}), returning
     * false when {@code timeout} runs out first. Checks the link between short waits, so a link
     * that breaks meanwhile throws {@link BrokenReplication} at once instead of timing out.
     */
    public boolean waitFor(GtidPosition position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Duration slice = Duration.ofNanos(Math.max(0, Math.min(left, WAIT_SLICE.toNanos())));
            int result = target.onServer("waiting for " + position, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
                    ps.setString(1, position.toString());
                    ps.setDouble(2, slice.toNanos() / 1e9);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            if (result == 0) {
                return true;
            }
            requireHealthy(requireConfigured(status()));
            if (left <= 0) {
                return false;
            }
        }
    }

    /** Stops both threads of the link; a no-op when there is no link or it is stopped. */
    public void stop() {
        ReplicationStatus s = status();
        if (s.configured() && (s.ioRunning() || s.sqlRunning())) {
            target.execute("stopping replication from " + source.name(), "STOP SLAVE " + Sql.literal(connection));
        }
    }

    /**
     * Leaves the target stopped at exactly {@code position}: stops the link, then lets it apply
     * up to that position ({@code START SLAVE UNTIL master_gtid_pos}) and waits until the SQL
     * thread stops there. The target must not have applied beyond it yet: take {@code position}
     * from the source after {@link #stop()}. Already stopped at the position: nothing to do.
     */
    public void stopAt(GtidPosition position, Duration timeout) {
        ReplicationStatus s = requireConfigured(status());
        if (!s.sqlRunning() && atExactly(s.applied(), position)) {
            return;
        }
        stop();
        GtidPosition applied = status().applied();
        if (applied.passed(position)) {
            throw FlightpathException.failedPrecondition("%s has applied %s, past %s; stop replication before reading the position",
                    target.name(), applied, position);
        }
        if (!applied.reached(position)) {
            target.execute("replicating from " + source.name() + " until " + position,
                    "START SLAVE " + Sql.literal(connection) + " UNTIL master_gtid_pos = " + Sql.literal(position.toString()));
            awaitSqlStopped(position, timeout);
        }
        GtidPosition reached = status().applied();
        if (!atExactly(reached, position)) {
            throw new FlightpathException(ErrorCode.INTERNAL, target.name() + " stopped at " + reached + ", not at " + position);
        }
    }

    private static boolean atExactly(GtidPosition applied, GtidPosition position) {
        return applied.reached(position) && !applied.passed(position);
    }

    private void awaitSqlStopped(GtidPosition position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ReplicationStatus s = requireHealthy(requireConfigured(status()));
            if (!s.sqlRunning()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw FlightpathException.unavailable("%s did not reach %s within %d s (applied %s)",
                        target.name(), position, timeout.toSeconds(), s.applied());
            }
            pause();
        }
    }

    /** Starts whichever thread of the link is stopped, with no UNTIL condition; a no-op when both run. */
    public void resume() {
        ReplicationStatus s = requireConfigured(status());
        if (!s.running()) {
            target.execute("resuming replication from " + source.name(), "START SLAVE " + Sql.literal(connection));
        }
    }

    /**
     * Idempotent mode ({@code slave_exec_mode = IDEMPOTENT}) lets the replica apply a row that
     * already exists (a record written through both shards during the write switch) by
     * overwriting it, and skip a delete of a row that is gone, instead of stopping. It is a
     * server-wide setting: it applies to every replication connection of the target.
     */
    public void setIdempotent(boolean on) {
        target.execute("setting slave_exec_mode", "SET GLOBAL slave_exec_mode = '" + (on ? "IDEMPOTENT" : "STRICT") + "'");
    }

    /** Whether the target runs in idempotent mode. */
    public boolean idempotent() {
        return target.onServer("reading slave_exec_mode", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.slave_exec_mode")) {
                rs.next();
                return "IDEMPOTENT".equalsIgnoreCase(rs.getString(1));
            }
        });
    }

    /**
     * Stops replication and forgets the link ({@code RESET SLAVE ... ALL}); a no-op when there
     * is none. The target keeps its data and its applied position.
     */
    public void cut() {
        if (status().configured()) {
            target.execute("cutting replication from " + source.name(),
                    "STOP SLAVE " + Sql.literal(connection), "RESET SLAVE " + Sql.literal(connection) + " ALL");
        }
    }

    private ReplicationStatus requireConfigured(ReplicationStatus s) {
        if (!s.configured()) {
            throw FlightpathException.failedPrecondition("%s has no replication connection '%s' from %s",
                    target.name(), connection, source.name());
        }
        return s;
    }

    private ReplicationStatus requireHealthy(ReplicationStatus s) {
        if (s.broken()) {
            throw new BrokenReplication(this, s);
        }
        return s;
    }

    private void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted while waiting for " + target.name(), e);
        }
    }
}
