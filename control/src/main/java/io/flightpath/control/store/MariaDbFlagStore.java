package io.flightpath.control.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flightpath.control.api.Acknowledgement;
import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.FlagChange;
import io.flightpath.control.api.FlagNodes;
import io.flightpath.control.api.FlagService;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import io.flightpath.flags.Flag;
import io.flightpath.flags.FlagSnapshot;
import io.flightpath.http.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Flags in the control database. Every change serialises on the flags_version row, computes the
 * new rule from the stored one (a refusal rolls everything back), and writes the rule, the audit
 * row and the new version in the same transaction. A call waiting for a change is woken by the
 * changes made through this instance, and sees those of other processes within
 * {@link ChangeSignal#RECHECK}.
 */
public final class MariaDbFlagStore implements FlagService {
    private final Database db;
    private final Clock clock;
    private final ChangeSignal changed = new ChangeSignal();

    public MariaDbFlagStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<Flag> list() {
        return db.read(MariaDbFlagStore::all);
    }

    @Override
    public Optional<Flag> find(String name) {
        Flag.checkName(name);
        return db.read(c -> Optional.ofNullable(load(c, name, false)));
    }

    @Override
    public Flag create(String name, String description, List<String> variants, String defaultValue, Attribution by) {
        Flag flag = Flag.create(name, description, variants, defaultValue);
        return change(name, "create", by, before -> {
            if (before != null) {
                throw FlightpathException.conflict("name: flag %s exists already", name);
            }
            return flag;
        });
    }

    @Override
    public Flag set(String name, String account, String value, Attribution by) {
        return change(name, "set", by, existing(name, f -> f.withAccount(account, value)));
    }

    @Override
    public Flag unset(String name, String account, Attribution by) {
        return change(name, "unset", by, existing(name, f -> f.withoutAccount(account)));
    }

    @Override
    public Flag rollout(String name, double percent, String value, Attribution by) {
        return change(name, "rollout", by, existing(name, f -> f.withRollout(percent, value)));
    }

    @Override
    public Flag kill(String name, Attribution by) {
        return change(name, "kill", by, existing(name, f -> f.withKilled(true)));
    }

    @Override
    public Flag unkill(String name, Attribution by) {
        return change(name, "unkill", by, existing(name, f -> f.withKilled(false)));
    }

    private static UnaryOperator<Flag> existing(String name, UnaryOperator<Flag> change) {
        return before -> {
            if (before == null) {
                throw FlightpathException.invalid("name: there is no flag %s", name);
            }
            return change.apply(before);
        };
    }

    private Flag change(String name, String action, Attribution by, UnaryOperator<Flag> change) {
        Flag.checkName(name);
        if (by == null) {
            throw FlightpathException.invalid("by and reason must be given");
        }
        Flag stored = db.transaction(c -> {
            long version = lockVersion(c);
            Flag before = load(c, name, true);
            Flag after = change.apply(before);
            Instant now = clock.instant();
            String rule = json(after);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO flags (name, rule, created_at, updated_at) VALUES (?, ?, ?, ?) "
                    + "ON DUPLICATE KEY UPDATE rule = VALUES(rule), updated_at = VALUES(updated_at)")) {
                ps.setString(1, name);
                ps.setString(2, rule);
                ps.setObject(3, NodeAcknowledgements.utc(now));
                ps.setObject(4, NodeAcknowledgements.utc(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO flag_changes (version, flag, action, changed_by, reason, "
                    + "old_rule, new_rule, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, version + 1);
                ps.setString(2, name);
                ps.setString(3, action);
                ps.setString(4, by.by());
                ps.setString(5, by.reason());
                ps.setString(6, before == null ? null : json(before));
                ps.setString(7, rule);
                ps.setObject(8, NodeAcknowledgements.utc(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE flags_version SET version = ? WHERE id = 1")) {
                ps.setLong(1, version + 1);
                ps.executeUpdate();
            }
            return after;
        });
        // after the commit: a woken node must find the new version
        changed.fired();
        return stored;
    }

    @Override
    public List<FlagChange> history(String name, int limit) {
        if (name != null) {
            Flag.checkName(name);
        }
        if (limit < 1 || limit > 10_000) {
            throw FlightpathException.invalid("limit must be from 1 to 10000, was %d", limit);
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, flag, action, changed_by, reason, old_rule, new_rule, changed_at "
                    + "FROM flag_changes" + (name == null ? "" : " WHERE flag = ?") + " ORDER BY version DESC LIMIT ?")) {
                int i = 1;
                if (name != null) {
                    ps.setString(i++, name);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<FlagChange> all = new ArrayList<>();
                    while (rs.next()) {
                        all.add(new FlagChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6) == null ? null : parse(rs.getString(6)), parse(rs.getString(7)),
                                NodeAcknowledgements.instant(rs, 8)));
                    }
                    return all;
                }
            }
        });
    }

    @Override
    public long version() {
        return db.read(MariaDbFlagStore::currentVersion);
    }

    /** One cheap read when nothing changed; otherwise the whole snapshot, read in one transaction so that version and flags agree. */
    @Override
    public Optional<FlagSnapshot> changedSince(long version) {
        if (version() == version) {
            return Optional.empty();
        }
        return Optional.of(db.transaction(c -> FlagSnapshot.of(currentVersion(c), all(c))));
    }

    @Override
    public Optional<FlagSnapshot> awaitChange(long version, Duration wait) {
        changed.await(wait, this::version, v -> v != version);
        return changedSince(version);
    }

    @Override
    public void acknowledge(String nodeId, long version, Instant at, Instant leaseUntil) {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 128) {
            throw FlightpathException.invalid("node must be 1 to 128 characters, was '%s'", nodeId);
        }
        db.transaction(c -> {
            NodeAcknowledgements.record(c, nodeId, Map.of(Acknowledgement.FLAGS, version), at, leaseUntil);
            return null;
        });
    }

    @Override
    public FlagNodes nodes() {
        return db.transaction(c -> FlagNodes.of(currentVersion(c), clock.instant(), NodeAcknowledgements.of(c, List.of(Acknowledgement.FLAGS))));
    }

    private static long currentVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM flags_version WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long lockVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM flags_version WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Flag load(Connection c, String name, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rule FROM flags WHERE name = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? parse(rs.getString(1)) : null;
            }
        }
    }

    private static List<Flag> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rule FROM flags ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<Flag> all = new ArrayList<>();
            while (rs.next()) {
                all.add(parse(rs.getString(1)));
            }
            return all;
        }
    }

    private static String json(Flag flag) {
        try {
            return Json.mapper().writeValueAsString(flag);
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("cannot encode flag %s: %s", flag.name(), e.getMessage());
        }
    }

    private static Flag parse(String json) {
        try {
            return Json.mapper().readValue(json, Flag.class);
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("a stored flag does not parse: %s", e.getMessage());
        }
    }
}
