package io.flightpath.split.replication;

import java.util.OptionalLong;

/**
 * A replica's link to its source as {@code SHOW ALL SLAVES STATUS} reports it, plus the
 * position it has applied ({@code @@gtid_slave_pos}). {@code configured} is false when the link
 * does not exist; every other field is then empty.
 */
public record ReplicationStatus(
        String connection,
        boolean configured,
        String sourceHost,
        int sourcePort,
        boolean ioRunning,
        boolean sqlRunning,
        int lastIoErrno,
        String lastIoError,
        int lastSqlErrno,
        String lastSqlError,
        OptionalLong secondsBehind,
        GtidPosition received,
        GtidPosition applied) {

    static ReplicationStatus absent(String connection, GtidPosition applied) {
        return new ReplicationStatus(connection, false, "", 0, false, false, 0, "", 0, "", OptionalLong.empty(),
                GtidPosition.EMPTY, applied);
    }

    /**
     * Whether a thread stopped on an error: the SQL thread (a row it could not apply) or the IO
     * thread (the source refused it). An IO thread that is still reconnecting is not broken.
     */
    public boolean broken() {
        return (!sqlRunning && lastSqlErrno != 0) || (!ioRunning && lastIoErrno != 0);
    }

    /** Both threads run. */
    public boolean running() {
        return ioRunning && sqlRunning;
    }

    /** The error that stopped a thread, in MariaDB's words; empty when none did. */
    public String error() {
        if (!sqlRunning && lastSqlErrno != 0) {
            return "SQL thread error " + lastSqlErrno + ": " + lastSqlError;
        }
        if (!ioRunning && lastIoErrno != 0) {
            return "IO thread error " + lastIoErrno + ": " + lastIoError;
        }
        return "";
    }
}
