package io.flightpath.inflight.store;

import io.flightpath.core.FlightpathException;
import io.flightpath.core.StatusEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The status events of one or many callers, applied inside a group's transaction: locks every
 * record they name with one read, checks each caller's moves in turn against the core state
 * machine (a caller sees the moves of the callers before it), and writes the accepted changes in
 * one batch, queueing the records that became post-flight in the handoff outbox. A caller is
 * applied all or none; events for one record apply in their order in its list. Stateless apart
 * from the clock; thread-safe.
 */
final class StatusMoves {
    private final Clock clock;

    StatusMoves(Clock clock) {
        this.clock = clock;
    }

    /** How many records changed, and how many of them entered the outbox. */
    record Outcome(int moved, int queued) {
    }

    /** One caller's outcome, or why nothing of it was applied. */
    record Verdict(Outcome outcome, FlightpathException refusal) {
        Outcome outcomeOrThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return outcome;
        }
    }

    /**
     * Applies each caller's moves, or none of them when any cannot apply (NOT_FOUND or
     * FAILED_PRECONDITION in its verdict), and returns the verdicts in the callers' order.
     */
    List<Verdict> apply(Connection c, List<Write.Moves> callers) throws SQLException {
        Records<?> calls = Records.lock(c, RecordKind.CALLS, callers);
        Records<?> messages = Records.lock(c, RecordKind.MESSAGES, callers);
        List<Verdict> verdicts = new ArrayList<>(callers.size());
        for (Write.Moves caller : callers) {
            try {
                Plan a = calls.plan(caller);
                Plan b = messages.plan(caller);
                // both kinds are checked before either is kept: all or none
                a.keep();
                b.keep();
                verdicts.add(new Verdict(new Outcome(a.moved() + b.moved(), a.queued() + b.queued()), null));
            } catch (FlightpathException e) {
                verdicts.add(new Verdict(null, e));
            }
        }
        calls.write(c, clock);
        messages.write(c, clock);
        return verdicts;
    }

    /** One caller's changes to the records of one kind, checked but not yet kept. */
    private record Plan(int moved, int queued, Runnable keeper) {
        void keep() {
            keeper.run();
        }
    }

    /** The records of one kind that a group's events name: as locked, and as the accepted callers left them. */
    private static final class Records<R> {
        private final RecordKind<R> kind;
        private final Map<String, R> before;
        private final Map<String, R> current;
        private final Map<String, String> finished;

        private Records(RecordKind<R> kind, Map<String, R> before, Map<String, String> finished) {
            this.kind = kind;
            this.before = before;
            this.current = new HashMap<>(before);
            this.finished = finished;
        }

        static <R> Records<R> lock(Connection c, RecordKind<R> kind, List<Write.Moves> callers) throws SQLException {
            Set<String> sids = new LinkedHashSet<>();
            for (Write.Moves caller : callers) {
                for (StatusEvent e : caller.events()) {
                    if (RecordKind.of(e) == kind) {
                        sids.add(e.sid());
                    }
                }
            }
            Map<String, R> rows = lockRows(c, kind, sids);
            Set<String> gone = new LinkedHashSet<>(sids);
            gone.removeAll(rows.keySet());
            return new Records<>(kind, rows, finished(c, gone));
        }

        /** Checks one caller's events of this kind against the records as the callers before it left them; writes nothing. */
        Plan plan(Write.Moves caller) {
            Map<String, R> mine = new LinkedHashMap<>();
            for (StatusEvent e : caller.events()) {
                if (RecordKind.of(e) != kind) {
                    continue;
                }
                R record = mine.containsKey(e.sid()) ? mine.get(e.sid()) : current.get(e.sid());
                Expiry guard = caller.guards().get(e.sid());
                if (guard != null) {
                    if (record != null && unchanged(record, guard)) {
                        mine.put(e.sid(), kind.moved(record, e));
                    }
                } else if (record == null) {
                    checkFinished(e, finished.get(e.sid()));
                } else {
                    mine.put(e.sid(), kind.moved(record, e));
                }
            }
            int moved = 0;
            int queued = 0;
            for (Map.Entry<String, R> e : mine.entrySet()) {
                R old = current.get(e.getKey());
                if (!e.getValue().equals(old)) {
                    moved++;
                    if (!kind.status(old).isPostFlight() && kind.status(e.getValue()).isPostFlight()) {
                        queued++;
                    }
                }
            }
            return new Plan(moved, queued, () -> current.putAll(mine));
        }

        private boolean unchanged(R record, Expiry guard) {
            return kind.status(record).wire().equals(guard.fromStatus()) && kind.dateUpdated(record).equals(guard.lastUpdated());
        }

        // A record that is no longer here either finished (its tombstone says how) or never existed.
        private void checkFinished(StatusEvent event, String finishedStatus) {
            if (finishedStatus == null) {
                throw FlightpathException.notFound("no in-flight %s %s", kind.noun(), event.sid());
            }
            if (!finishedStatus.equals(event.status())) {
                throw FlightpathException.failedPrecondition("%s %s is %s and cannot move to %s",
                        kind.noun(), event.sid(), finishedStatus, event.status());
            }
        }

        /** Writes every record the accepted callers changed, and queues those that became post-flight. */
        void write(Connection c, Clock clock) throws SQLException {
            List<R> changed = new ArrayList<>();
            List<String> finishing = new ArrayList<>();
            current.forEach((sid, record) -> {
                R old = before.get(sid);
                if (!record.equals(old)) {
                    changed.add(record);
                    if (!kind.status(old).isPostFlight() && kind.status(record).isPostFlight()) {
                        finishing.add(sid);
                    }
                }
            });
            if (!changed.isEmpty()) {
                kind.updateAll(c, changed);
            }
            if (!finishing.isEmpty()) {
                queue(c, finishing, clock.instant());
            }
        }

        private void queue(Connection c, List<String> sids, Instant at) throws SQLException {
            String sql = "INSERT INTO handoff_outbox (kind, sid, queued_at) VALUES "
                    + String.join(", ", Collections.nCopies(sids.size(), "(?, ?, ?)"));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Object queuedAt = RecordKind.time(at);
                int i = 1;
                for (String sid : sids) {
                    ps.setString(i++, kind.noun());
                    ps.setString(i++, sid);
                    ps.setObject(i++, queuedAt);
                }
                ps.executeUpdate();
            }
        }
    }

    private static <R> Map<String, R> lockRows(Connection c, RecordKind<R> kind, Set<String> sids) throws SQLException {
        Map<String, R> rows = new HashMap<>();
        if (sids.isEmpty()) {
            return rows;
        }
        // forced: with a long list and a small table the optimizer prefers a scan, which locks
        // (and waits for) rows the relay is deleting, while the relay waits for ours: a deadlock
        String sql = "SELECT * FROM " + kind.table() + " FORCE INDEX (" + kind.sidIndex() + ") WHERE sid IN ("
                + InList.marks(sids.size()) + ") FOR UPDATE";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            InList.bind(ps, 1, sids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    R record = kind.read(rs);
                    rows.put(kind.sid(record), record);
                }
            }
        }
        return rows;
    }

    private static Map<String, String> finished(Connection c, Set<String> sids) throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        if (sids.isEmpty()) {
            return statuses;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT sid, status FROM finished WHERE sid IN (" + InList.marks(sids.size()) + ")")) {
            InList.bind(ps, 1, sids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    statuses.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return statuses;
    }
}
