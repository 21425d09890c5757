package io.flightpath.control.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.flightpath.control.api.Acknowledgement;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.RoutingVersions;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.http.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Routing in the control database; every publication serialises on the routing_epoch row. A call
 * waiting for a change is woken by the publications made through this instance, and sees those of
 * other processes within {@link ChangeSignal#RECHECK}.
 */
public final class MariaDbRoutingStore implements RoutingService {
    private static final TypeReference<List<ShardMap.Entry>> ENTRIES = new TypeReference<>() { };
    private static final String READ = "read";
    private static final String WRITE = "write";
    private static final List<String> ROUTING_SUBJECTS = List.of(Acknowledgement.READ_MAP, Acknowledgement.WRITE_MAP, Acknowledgement.POOL_GENERATION);

    private final Database db;
    private final Clock clock;
    private final ChangeSignal published = new ChangeSignal();

    public MariaDbRoutingStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public RoutingState initialize(List<ShardAddress> shards) {
        if (shards.isEmpty()) {
            throw FlightpathException.invalid("post-flight shards must be >= 1, was 0");
        }
        RoutingState state = db.transaction(c -> {
            lockEpoch(c);
            for (ShardAddress s : shards) {
                if (addresses(c).stream().noneMatch(known -> known.name().equals(s.name()))) {
                    upsertShard(c, s);
                }
            }
            if (latest(c, WRITE) == null) {
                ShardMap first = ShardMap.even(shards.stream().map(ShardAddress::name).toList());
                insertMap(c, READ, first, "initial map");
                insertMap(c, WRITE, first, "initial map");
            }
            return load(c);
        });
        published.fired();
        return state;
    }

    @Override
    public void registerShard(ShardAddress shard) {
        db.transaction(c -> {
            upsertShard(c, shard);
            return null;
        });
    }

    @Override
    public RoutingState state() {
        return db.read(this::load);
    }

    @Override
    public RoutingState awaitChange(RoutingVersions known, Duration wait) {
        published.await(wait, () -> db.read(MariaDbRoutingStore::versions), v -> !v.equals(known));
        return state();
    }

    @Override
    public RoutingState publish(ShardMap read, ShardMap write, boolean bumpPoolGeneration, String note) {
        RoutingState state = db.transaction(c -> {
            lockEpoch(c);
            RoutingState now = load(c);
            Set<String> known = now.shards().stream().map(ShardAddress::name).collect(Collectors.toSet());
            checkNext(READ, now.read(), read, known);
            checkNext(WRITE, now.write(), write, known);
            if (read != null) {
                insertMap(c, READ, read, note);
            }
            if (write != null) {
                insertMap(c, WRITE, write, note);
            }
            if (bumpPoolGeneration) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE routing_epoch SET pool_generation = pool_generation + 1 WHERE id = 1")) {
                    ps.executeUpdate();
                }
            }
            return load(c);
        });
        // after the commit: a woken node must find the new versions
        published.fired();
        return state;
    }

    private static void checkNext(String kind, ShardMap current, ShardMap next, Set<String> known) {
        if (next == null) {
            return;
        }
        if (next.version() != current.version() + 1) {
            throw FlightpathException.conflict("%s map is at version %d; version %d cannot follow it", kind, current.version(), next.version());
        }
        for (String shard : next.shards()) {
            if (!known.contains(shard)) {
                throw FlightpathException.invalid("%s map version %d names shard %s, which is not registered", kind, next.version(), shard);
            }
        }
    }

    @Override
    public void acknowledge(NodeAck ack) {
        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put(Acknowledgement.READ_MAP, (long) ack.readVersion());
        versions.put(Acknowledgement.WRITE_MAP, (long) ack.writeVersion());
        versions.put(Acknowledgement.POOL_GENERATION, (long) ack.poolGeneration());
        db.transaction(c -> {
            NodeAcknowledgements.record(c, ack.nodeId(), versions, ack.lastSeen(), ack.leaseUntil());
            return null;
        });
    }

    /** Nodes that acknowledged all three routing subjects (a node that only evaluates flags routes nothing). */
    @Override
    public List<NodeAck> nodes() {
        List<Acknowledgement> acks = db.read(c -> NodeAcknowledgements.of(c, ROUTING_SUBJECTS));
        Map<String, Map<String, Acknowledgement>> byNode = new TreeMap<>();
        acks.forEach(a -> byNode.computeIfAbsent(a.nodeId(), n -> new HashMap<>()).put(a.subject(), a));
        List<NodeAck> all = new ArrayList<>();
        byNode.forEach((node, subjects) -> {
            if (subjects.size() == ROUTING_SUBJECTS.size()) {
                Acknowledgement read = subjects.get(Acknowledgement.READ_MAP);
                all.add(new NodeAck(node, (int) read.version(), (int) subjects.get(Acknowledgement.WRITE_MAP).version(),
                        (int) subjects.get(Acknowledgement.POOL_GENERATION).version(), read.lastSeen(), read.leaseUntil()));
            }
        });
        return all;
    }

    @Override
    public List<ShardMap> history(String kind, int limit) {
        if (!READ.equals(kind) && !WRITE.equals(kind)) {
            throw FlightpathException.invalid("map kind must be read or write, was '%s'", kind);
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, entries FROM shard_maps WHERE kind = ? ORDER BY version DESC LIMIT ?")) {
                ps.setString(1, kind);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ShardMap> maps = new ArrayList<>();
                    while (rs.next()) {
                        maps.add(new ShardMap(rs.getInt(1), parse(rs.getString(2))));
                    }
                    return maps;
                }
            }
        });
    }

    private RoutingState load(Connection c) throws SQLException {
        ShardMap read = latest(c, READ);
        ShardMap write = latest(c, WRITE);
        if (read == null || write == null) {
            throw FlightpathException.failedPrecondition("no shard map has been published yet: the post-flight service initialises it");
        }
        int generation;
        try (PreparedStatement ps = c.prepareStatement("SELECT pool_generation FROM routing_epoch WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            generation = rs.getInt(1);
        }
        return new RoutingState(read, write, generation, addresses(c));
    }

    /** One round trip, for the calls that wait: the full state is read once the versions moved. */
    private static RoutingVersions versions(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT MAX(version) FROM shard_maps WHERE kind = 'read'), "
                + "(SELECT MAX(version) FROM shard_maps WHERE kind = 'write'), pool_generation FROM routing_epoch WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new RoutingVersions(rs.getInt(1), rs.getInt(2), rs.getInt(3));
        }
    }

    private static List<ShardAddress> addresses(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, host, port, database_name FROM shards ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<ShardAddress> all = new ArrayList<>();
            while (rs.next()) {
                all.add(new ShardAddress(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
            }
            return all;
        }
    }

    private void upsertShard(Connection c, ShardAddress s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shards (name, host, port, database_name, created_at) "
                + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE host = VALUES(host), port = VALUES(port), "
                + "database_name = VALUES(database_name)")) {
            ps.setString(1, s.name());
            ps.setString(2, s.host());
            ps.setInt(3, s.port());
            ps.setString(4, s.database());
            ps.setObject(5, utc(clock.instant()));
            ps.executeUpdate();
        }
    }

    private static ShardMap latest(Connection c, String kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, entries FROM shard_maps WHERE kind = ? ORDER BY version DESC LIMIT 1")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new ShardMap(rs.getInt(1), parse(rs.getString(2))) : null;
            }
        }
    }

    private void insertMap(Connection c, String kind, ShardMap map, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shard_maps (kind, version, entries, note, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, kind);
            ps.setInt(2, map.version());
            ps.setString(3, Json.mapper().writeValueAsString(map.entries()));
            ps.setString(4, note == null ? "" : note.length() > 255 ? note.substring(0, 255) : note);
            ps.setObject(5, utc(clock.instant()));
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("cannot encode a shard map: %s", e.getMessage());
        }
    }

    private static void lockEpoch(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pool_generation FROM routing_epoch WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
        }
    }

    private static List<ShardMap.Entry> parse(String json) {
        try {
            return Json.mapper().readValue(json, ENTRIES);
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("a stored shard map does not parse: %s", e.getMessage());
        }
    }

    private static LocalDateTime utc(Instant t) {
        return NodeAcknowledgements.utc(t);
    }
}
