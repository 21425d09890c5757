package io.flightpath.postflight.store;

import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.postflight.schema.ShardSchema;
import io.flightpath.postflight.routing.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The post-flight shards this process routes to, opened and migrated to the record schema. The
 * owner builds its {@link io.flightpath.postflight.routing.ShardRouter} from {@link #shards()} and
 * closes this when done. Thread-safe once opened.
 */
public final class PostflightShards implements AutoCloseable {
    private final List<Shard> shards;

    private PostflightShards(List<Shard> shards) {
        this.shards = List.copyOf(shards);
    }

    /**
     * Opens every shard, named as in the shard map (e.g. "shard0"), in the map's iteration order.
     * When one cannot be opened, those already open are closed again and the failure is thrown.
     */
    public static PostflightShards open(Map<String, DatabaseConfig> configs) {
        if (configs.isEmpty()) {
            throw FlightpathException.invalid("post-flight shards must be >= 1, was 0");
        }
        List<Shard> opened = new ArrayList<>();
        try {
            configs.forEach((name, config) ->
                    opened.add(new Shard(name, Database.open(name, config, ShardSchema.MIGRATIONS))));
        } catch (RuntimeException e) {
            opened.forEach(s -> s.database().close());
            throw e;
        }
        return new PostflightShards(opened);
    }

    public List<Shard> shards() {
        return shards;
    }

    /** The shard of that name; INVALID_ARGUMENT when none was opened under it. */
    public Shard shard(String name) {
        return shards.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                FlightpathException.invalid("no post-flight shard named '%s' (have %s)", name,
                        shards.stream().map(Shard::name).toList()));
    }

    @Override
    public void close() {
        shards.forEach(s -> s.database().close());
    }
}
