package io.flightpath.control.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flightpath.control.api.SplitLive;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import io.flightpath.http.Json;
import io.flightpath.store.Database;
import io.flightpath.core.sharding.KeyRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Split workflows in the control database; claims and advances lock the workflow's row. Step and
 * state are stored by name and parsed here only, when a row is read.
 */
public final class MariaDbSplitRegistry implements SplitRegistry {
    private final Database db;
    private final Clock clock;

    public MariaDbSplitRegistry(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public SplitRecord create(String source, String target, KeyRange range) {
        try {
            long id = db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO split_workflows (source, target, range_start, range_end, "
                        + "step, state, outputs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, source);
                    ps.setString(2, target);
                    ps.setString(3, ShardKey.hex(range.start()));
                    ps.setString(4, ShardKey.hex(range.end()));
                    ps.setString(5, Step.first().name());
                    ps.setString(6, State.PENDING.name());
                    ps.setObject(7, now());
                    ps.setObject(8, now());
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
                throw FlightpathException.conflict("shard %s already has an unfinished split; resume or abort it first", source);
            }
            throw e;
        }
    }

    @Override
    public Optional<SplitRecord> find(long id) {
        return db.read(c -> load(c, id, false));
    }

    @Override
    public List<SplitRecord> list(int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM split_workflows ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<SplitRecord> all = new ArrayList<>();
                    while (rs.next()) {
                        all.add(read(rs));
                    }
                    return all;
                }
            }
        });
    }

    @Override
    public SplitRecord claim(long id, String owner, Duration stale) {
        return db.transaction(c -> {
            SplitRecord split = load(c, id, true).orElseThrow(() -> FlightpathException.notFound("no split %d", id));
            if (split.state().finished()) {
                throw FlightpathException.failedPrecondition("split %d is %s", id, split.state().name().toLowerCase(Locale.ROOT));
            }
            Instant now = clock.instant();
            if (WorkflowRows.heldByOther(split.state() == State.RUNNING, split.owner(), split.heartbeat(), owner, stale, now)) {
                throw FlightpathException.conflict("split %d is being run by %s (heartbeat %s); wait for it or for its heartbeat to age past %s",
                        id, split.owner(), split.heartbeat(), stale);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE split_workflows SET owner = ?, heartbeat = ?, state = ?, "
                    + "updated_at = ? WHERE id = ?")) {
                ps.setString(1, owner);
                ps.setObject(2, utc(now));
                ps.setString(3, State.RUNNING.name()); // a pending or failed split runs again
                ps.setObject(4, utc(now));
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return load(c, id, false).orElseThrow();
        });
    }

    @Override
    public SplitRecord advance(long id, String owner, Step nextStep, State state, Map<String, String> outputs, String error) {
        return db.transaction(c -> {
            SplitRecord split = load(c, id, true).orElseThrow(() -> FlightpathException.notFound("no split %d", id));
            if (!owner.equals(split.owner())) {
                throw FlightpathException.conflict("split %d is claimed by %s, not %s", id, split.owner(), owner);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE split_workflows SET step = ?, state = ?, outputs = ?, "
                    + "heartbeat = ?, last_error = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, nextStep.name());
                ps.setString(2, state.name());
                ps.setString(3, WorkflowRows.merged(split.outputs(), outputs, "split"));
                ps.setObject(4, now());
                ps.setString(5, error);
                ps.setObject(6, now());
                ps.setLong(7, id);
                ps.executeUpdate();
            }
            return load(c, id, false).orElseThrow();
        });
    }

    private static Optional<SplitRecord> load(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM split_workflows WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static SplitRecord read(ResultSet rs) throws SQLException {
        Map<String, String> outputs = WorkflowRows.outputs(rs, "split");
        return new SplitRecord(rs.getLong("id"), rs.getString("source"), rs.getString("target"),
                new KeyRange(ShardKey.parseHex(rs.getString("range_start")), ShardKey.parseHex(rs.getString("range_end"))),
                Step.valueOf(rs.getString("step")), State.valueOf(rs.getString("state")), outputs, rs.getString("owner"), instant(rs, "heartbeat"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private LocalDateTime now() {
        return utc(clock.instant());
    }

    private static LocalDateTime utc(Instant t) {
        return WorkflowRows.utc(t);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return WorkflowRows.instant(rs, column);
    }

    @Override
    public void report(long id, SplitLive live) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(live);
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("cannot encode the progress of split %d: %s", id, e.getMessage());
        }
        try {
            db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO split_live (split_id, live, updated_at) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE live = VALUES(live), updated_at = VALUES(updated_at)")) {
                    ps.setLong(1, id);
                    ps.setString(2, json);
                    ps.setObject(3, now());
                    return ps.executeUpdate();
                }
            });
        } catch (FlightpathException e) {
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                throw FlightpathException.notFound("no split %d", id);
            }
            throw e;
        }
    }

    @Override
    public Optional<SplitLive> live(long id) {
        String json = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT live FROM split_live WHERE split_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(json, SplitLive.class));
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("the stored progress of split %d does not parse: %s", id, e.getMessage());
        }
    }
}
