package io.flightpath.inflight.store;

import io.flightpath.core.StatusEvent;
import io.flightpath.store.SqlWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What one caller asks of a group transaction. Creates and status moves can share statements with
 * the other callers' ({@link SharedWrites}); any write can also run alone, in a savepoint of its own.
 */
sealed interface Write<T> {

    /** Runs this write as the only caller; a refusal throws FlightpathException. */
    T alone(Connection c, StatusMoves moves) throws SQLException;

    /** A new record. */
    record Insert<R>(RecordKind<R> kind, R record) implements Write<Void> {
        @Override
        public Void alone(Connection c, StatusMoves moves) throws SQLException {
            kind.insertAll(c, List.of(record));
            return null;
        }
    }

    /**
     * Status events, all or none. An event whose SID has a guard applies only while the record is
     * as the guard saw it, and is skipped without error otherwise (the sweeper's expiries).
     */
    record Moves(List<StatusEvent> events, Map<String, Expiry> guards) implements Write<StatusMoves.Outcome> {
        @Override
        public StatusMoves.Outcome alone(Connection c, StatusMoves moves) throws SQLException {
            return moves.apply(c, List.of(this)).getFirst().outcomeOrThrow();
        }
    }

    /** Any other work: it always runs alone. */
    record Custom<T>(SqlWork<T> work) implements Write<T> {
        @Override
        public T alone(Connection c, StatusMoves moves) throws SQLException {
            return work.run(c);
        }
    }
}
