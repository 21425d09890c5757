package io.flightpath.legacy.rekey;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Throttle;
import io.flightpath.store.Database;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Runs one ALTER TABLE under traffic. It waits at most the lock wait for the table's locks (new
 * queries on the table queue behind a waiting ALTER), gives up, lets the queue drain and tries
 * again. Strict mode is forced, so that making a column NOT NULL fails on a NULL instead of
 * writing 0 over it.
 */
final class OnlineAlter {
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;

    private final Database db;
    private final RekeySettings settings;

    OnlineAlter(Database db, RekeySettings settings) {
        this.db = db;
        this.settings = settings;
    }

    /**
     * Runs {@code ALTER TABLE table change}; a failure with the error code {@code doneAlready} (a
     * concurrent or crashed earlier run made the change) counts as success; pass -1 for none.
     */
    void alter(String table, String change, int doneAlready) {
        // WAIT sets both lock_wait_timeout (metadata) and innodb_lock_wait_timeout for this statement,
        // in whole seconds: the server reads a fraction as 0, which under writes never gets the lock
        String sql = "SET STATEMENT sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION' FOR ALTER TABLE " + table
                + " WAIT " + settings.lockWait().toSeconds() + " " + change;
        // as long again for the queries that queued behind the attempt to drain
        Throttle backOff = Throttle.fixed(settings.lockWait());
        for (int tried = 1; ; tried++) {
            try {
                db.read(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                    return null;
                });
                return;
            } catch (FlightpathException e) {
                int code = e.getCause() instanceof SQLException cause ? cause.getErrorCode() : 0;
                if (code == doneAlready) {
                    return;
                }
                if (code != ER_LOCK_WAIT_TIMEOUT || tried >= settings.alterTries()) {
                    throw new FlightpathException(code == ER_LOCK_WAIT_TIMEOUT ? ErrorCode.UNAVAILABLE : e.code(),
                            "ALTER TABLE " + table + " " + change + " failed after " + tried + " tries: " + e.getMessage(), e);
                }
                backOff.sleepAfterBatch("waiting to alter " + table);
            }
        }
    }
}
