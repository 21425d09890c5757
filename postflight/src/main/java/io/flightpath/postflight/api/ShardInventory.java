package io.flightpath.postflight.api;

import java.util.List;

/** The post-flight shards a service routes to, with what each holds (the console's shards page). */
public interface ShardInventory {
    /** One entry per shard the service routes to, by name. */
    List<ShardStats> shardStats();
}
