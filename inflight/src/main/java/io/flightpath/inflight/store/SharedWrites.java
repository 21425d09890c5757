package io.flightpath.inflight.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the creates and status moves of a whole group with statements shared by all its callers:
 * one multi-row insert per record kind, one locking read, one batch of updates and one of outbox
 * entries, however many callers there are. Each caller's moves are checked in memory before
 * anything is written, so a refused caller needs no savepoint: its changes are never written.
 * Stateless apart from the moves' clock; thread-safe.
 */
final class SharedWrites {
    private final StatusMoves moves;

    SharedWrites(StatusMoves moves) {
        this.moves = moves;
    }

    StatusMoves moves() {
        return moves;
    }

    /**
     * Stages the outcome of every insert and move request of {@code group} and returns the
     * requests that must run alone. When a shared statement fails, the transaction holds part of
     * the group's writes: the caller rolls it back.
     */
    List<Request<?>> run(Connection c, List<Request<?>> group) throws SQLException {
        List<Request<?>> inserts = new ArrayList<>();
        List<Request<?>> movers = new ArrayList<>();
        List<Request<?>> alone = new ArrayList<>();
        for (Request<?> r : group) {
            switch (r.write()) {
                case Write.Insert<?> i -> inserts.add(r);
                case Write.Moves m -> movers.add(r);
                case Write.Custom<?> w -> alone.add(r);
            }
        }
        insert(c, RecordKind.CALLS, inserts);
        insert(c, RecordKind.MESSAGES, inserts);
        move(c, movers);
        return alone;
    }

    private static <R> void insert(Connection c, RecordKind<R> kind, List<Request<?>> requests) throws SQLException {
        List<R> records = new ArrayList<>();
        List<Request<?>> mine = new ArrayList<>();
        for (Request<?> r : requests) {
            if (r.write() instanceof Write.Insert<?> insert && insert.kind() == kind) {
                records.add(kind.cast(insert.record()));
                mine.add(r);
            }
        }
        if (records.isEmpty()) {
            return;
        }
        kind.insertAll(c, records);
        mine.forEach(r -> r.stage(null));
    }

    private void move(Connection c, List<Request<?>> requests) throws SQLException {
        if (requests.isEmpty()) {
            return;
        }
        List<Write.Moves> callers = requests.stream().map(r -> (Write.Moves) r.write()).toList();
        List<StatusMoves.Verdict> verdicts = moves.apply(c, callers);
        for (int i = 0; i < requests.size(); i++) {
            StatusMoves.Verdict v = verdicts.get(i);
            if (v.refusal() != null) {
                requests.get(i).refuse(v.refusal());
            } else {
                requests.get(i).stage(v.outcome());
            }
        }
    }
}
