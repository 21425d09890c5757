package io.flightpath.control.store;

import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RolloutRecord.Phase;
import io.flightpath.control.api.RolloutRecord.State;
import io.flightpath.control.api.RolloutRegistry;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Rollouts in the control database; claims and advances lock the rollout's row. */
public final class MariaDbRolloutRegistry implements RolloutRegistry {
    private final Database db;
    private final Clock clock;

    public MariaDbRolloutRegistry(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public RolloutRecord create() {
        try {
            long id = db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollouts (phase, state, outputs, created_at, updated_at) "
                        + "VALUES (?, ?, '{}', ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, Phase.SERVICES_IN_FRONT.name());
                    ps.setString(2, State.PENDING.name());
                    ps.setObject(3, WorkflowRows.utc(clock.instant()));
                    ps.setObject(4, WorkflowRows.utc(clock.instant()));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        return keys.getLong(1);
                    }
                }
            });
            return find(id).orElseThrow();
        } catch (FlightpathException e) {
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                throw FlightpathException.conflict("a rollout is unfinished; resume or abort it first");
            }
            throw e;
        }
    }

    @Override
    public Optional<RolloutRecord> find(long id) {
        return db.read(c -> load(c, id, false));
    }

    @Override
    public List<RolloutRecord> list(int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM rollouts ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<RolloutRecord> all = new ArrayList<>();
                    while (rs.next()) {
                        all.add(read(rs));
                    }
                    return all;
                }
            }
        });
    }

    @Override
    public RolloutRecord claim(long id, String owner, Duration stale) {
        return db.transaction(c -> {
            RolloutRecord rollout = load(c, id, true).orElseThrow(() -> FlightpathException.notFound("no rollout %d", id));
            if (rollout.state().finished()) {
                throw FlightpathException.failedPrecondition("rollout %d is %s", id, rollout.state().name().toLowerCase(Locale.ROOT));
            }
            Instant now = clock.instant();
            if (WorkflowRows.heldByOther(rollout.state() == State.RUNNING, rollout.owner(), rollout.heartbeat(), owner, stale, now)) {
                throw FlightpathException.conflict("rollout %d is being run by %s (heartbeat %s); wait for it or for its heartbeat to age past %s",
                        id, rollout.owner(), rollout.heartbeat(), stale);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE rollouts SET owner = ?, heartbeat = ?, state = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, owner);
                ps.setObject(2, WorkflowRows.utc(now));
                ps.setString(3, State.RUNNING.name()); // a pending or failed rollout runs again
                ps.setObject(4, WorkflowRows.utc(now));
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return load(c, id, false).orElseThrow();
        });
    }

    @Override
    public RolloutRecord advance(long id, String owner, Phase nextPhase, State state, Map<String, String> outputs, String error) {
        return db.transaction(c -> {
            RolloutRecord rollout = load(c, id, true).orElseThrow(() -> FlightpathException.notFound("no rollout %d", id));
            if (!owner.equals(rollout.owner())) {
                throw FlightpathException.conflict("rollout %d is claimed by %s, not %s", id, rollout.owner(), owner);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE rollouts SET phase = ?, state = ?, outputs = ?, heartbeat = ?, "
                    + "last_error = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, nextPhase.name());
                ps.setString(2, state.name());
                ps.setString(3, WorkflowRows.merged(rollout.outputs(), outputs, "rollout"));
                ps.setObject(4, WorkflowRows.utc(clock.instant()));
                ps.setString(5, error);
                ps.setObject(6, WorkflowRows.utc(clock.instant()));
                ps.setLong(7, id);
                ps.executeUpdate();
            }
            return load(c, id, false).orElseThrow();
        });
    }

    private static Optional<RolloutRecord> load(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM rollouts WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static RolloutRecord read(ResultSet rs) throws SQLException {
        return new RolloutRecord(rs.getLong("id"), Phase.valueOf(rs.getString("phase")), State.valueOf(rs.getString("state")),
                WorkflowRows.outputs(rs, "rollout"), rs.getString("owner"), WorkflowRows.instant(rs, "heartbeat"),
                rs.getString("last_error"), WorkflowRows.instant(rs, "created_at"), WorkflowRows.instant(rs, "updated_at"));
    }
}
