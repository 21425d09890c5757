package io.flightpath.postflight.routing;

import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.postflight.schema.ShardSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's connection pools to the physical shards, opened (and migrated) the first time a
 * map names a shard, with this node's own credentials. Thread-safe.
 */
public final class ShardPools implements AutoCloseable {
    private final String user;
    private final String password;
    private final int poolSize;
    /** Connections a newly opened shard's pool makes at once, about the requests a node has under way in a burst. */
    private static final int WARM_CONNECTIONS = 8;
    private final Map<String, Shard> open = new ConcurrentHashMap<>();

    public ShardPools(String user, String password, int poolSize) {
        this.user = user;
        this.password = password;
        this.poolSize = poolSize;
    }

    /** Opens the pools of shards not open yet; a shard that moved to another address is reopened. */
    public synchronized void ensure(List<ShardAddress> shards) {
        for (ShardAddress a : shards) {
            DatabaseConfig config = new DatabaseConfig(a.host(), a.port(), a.database(), user, password, poolSize);
            Shard known = open.get(a.name());
            if (known != null && known.database().config().address().equals(config.address())
                    && known.database().config().database().equals(config.database())) {
                continue;
            }
            Shard fresh = new Shard(a.name(), Database.open(a.name(), config, ShardSchema.MIGRATIONS));
            // opened before the node routes by the map that names it: its first requests find connections ready
            fresh.database().warm(WARM_CONNECTIONS);
            open.put(a.name(), fresh);
            if (known != null) {
                known.database().close();
            }
        }
    }

    public Shard shard(String name) {
        Shard s = open.get(name);
        if (s == null) {
            throw FlightpathException.unavailable("shard %s is named by the map but not open on this node yet", name);
        }
        return s;
    }

    public List<Shard> all() {
        return List.copyOf(open.values());
    }

    /** Retires every connection so that new ones pick up the servers' current global settings. */
    public void recycle() {
        open.values().forEach(s -> s.database().recycle());
    }

    @Override
    public void close() {
        open.values().forEach(s -> s.database().close());
        open.clear();
    }
}
