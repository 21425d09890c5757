package io.flightpath.inflight.store;

import io.flightpath.core.FlightpathException;
import io.flightpath.core.StatusEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One caller's status events, applied inside the group's transaction: locks the records, checks
 * every move against the core state machine before writing anything, writes the changed rows in
 * one batch and queues the records that became post-flight in the handoff outbox. Events for one
 * record apply in their order in the list. Stateless apart from the clock; thread-safe.
 */
final class StatusMoves {
    private final Clock clock;

    StatusMoves(Clock clock) {
        this.clock = clock;
    }

    /** How many records changed, and how many of them entered the outbox. */
    record Outcome(int moved, int queued) {
    }

    /** Throws NOT_FOUND or FAILED_PRECONDITION, having written nothing, when any event cannot apply. */
    Outcome apply(Connection c, List<StatusEvent> events) throws SQLException {
        return run(c, events, Map.of());
    }

    /** Applies each expiry whose record is still as the sweeper saw it, and skips the others without error. */
    Outcome expire(Connection c, List<Expiry> expiries) throws SQLException {
        Map<String, Expiry> guards = new HashMap<>();
        List<StatusEvent> events = new ArrayList<>(expiries.size());
        for (Expiry e : expiries) {
            guards.put(e.event().sid(), e);
            events.add(e.event());
        }
        return run(c, events, guards);
    }

    private Outcome run(Connection c, List<StatusEvent> events, Map<String, Expiry> guards) throws SQLException {
        List<StatusEvent> calls = new ArrayList<>();
        List<StatusEvent> messages = new ArrayList<>();
        for (StatusEvent e : events) {
            (e.isCall() ? calls : messages).add(e);
        }
        // every move is checked before the first write, so a refusal leaves nothing behind
        Plan<?> callPlan = plan(c, RecordKind.CALLS, calls, guards);
        Plan<?> messagePlan = plan(c, RecordKind.MESSAGES, messages, guards);
        Outcome a = callPlan.write(c);
        Outcome b = messagePlan.write(c);
        return new Outcome(a.moved() + b.moved(), a.queued() + b.queued());
    }

    private <R> Plan<R> plan(Connection c, RecordKind<R> kind, List<StatusEvent> events, Map<String, Expiry> guards)
            throws SQLException {
        Set<String> sids = new LinkedHashSet<>();
        events.forEach(e -> sids.add(e.sid()));
        Map<String, R> before = lock(c, kind, sids);
        Set<String> gone = new LinkedHashSet<>(sids);
        gone.removeAll(before.keySet());
        Map<String, String> finished = finished(c, gone);
        Map<String, R> after = new LinkedHashMap<>(before);
        for (StatusEvent e : events) {
            R record = after.get(e.sid());
            Expiry guard = guards.get(e.sid());
            if (guard != null) {
                if (record != null && unchanged(kind, record, guard)) {
                    after.put(e.sid(), kind.moved(record, e));
                }
            } else if (record == null) {
                checkFinished(kind, e, finished.get(e.sid()));
            } else {
                after.put(e.sid(), kind.moved(record, e));
            }
        }
        return new Plan<>(kind, before, after);
    }

    private static <R> boolean unchanged(RecordKind<R> kind, R record, Expiry guard) {
        return kind.status(record).wire().equals(guard.fromStatus()) && kind.dateUpdated(record).equals(guard.lastUpdated());
    }

    // A record that is no longer here either finished (its tombstone says how) or never existed.
    private static void checkFinished(RecordKind<?> kind, StatusEvent event, String finishedStatus) {
        if (finishedStatus == null) {
            throw FlightpathException.notFound("no in-flight %s %s", kind.noun(), event.sid());
        }
        if (!finishedStatus.equals(event.status())) {
            throw FlightpathException.failedPrecondition("%s %s is %s and cannot move to %s",
                    kind.noun(), event.sid(), finishedStatus, event.status());
        }
    }

    private static <R> Map<String, R> lock(Connection c, RecordKind<R> kind, Set<String> sids) throws SQLException {
        Map<String, R> rows = new HashMap<>();
        if (sids.isEmpty()) {
            return rows;
        }
        String sql = "SELECT * FROM " + kind.table() + " WHERE sid IN (" + InList.marks(sids.size()) + ") FOR UPDATE";
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

    /** The records of one kind before and after a caller's events. */
    private final class Plan<R> {
        private final RecordKind<R> kind;
        private final Map<String, R> before;
        private final Map<String, R> after;

        Plan(RecordKind<R> kind, Map<String, R> before, Map<String, R> after) {
            this.kind = kind;
            this.before = before;
            this.after = after;
        }

        Outcome write(Connection c) throws SQLException {
            List<R> changed = new ArrayList<>();
            List<String> finishing = new ArrayList<>();
            after.forEach((sid, record) -> {
                R old = before.get(sid);
                if (!record.equals(old)) {
                    changed.add(record);
                    if (!kind.status(old).isPostFlight() && kind.status(record).isPostFlight()) {
                        finishing.add(sid);
                    }
                }
            });
            update(c, changed);
            queue(c, finishing);
            return new Outcome(changed.size(), finishing.size());
        }

        private void update(Connection c, Collection<R> changed) throws SQLException {
            if (changed.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(kind.updateSql())) {
                for (R record : changed) {
                    kind.bindUpdate(ps, record);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        private void queue(Connection c, List<String> sids) throws SQLException {
            if (sids.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO handoff_outbox (kind, sid, queued_at) VALUES (?, ?, ?)")) {
                Object now = RecordKind.time(clock.instant());
                for (String sid : sids) {
                    ps.setString(1, kind.noun());
                    ps.setString(2, sid);
                    ps.setObject(3, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
