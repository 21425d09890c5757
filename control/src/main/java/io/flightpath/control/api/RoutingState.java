package io.flightpath.control.api;

import io.flightpath.core.sharding.ShardMap;
import java.util.List;

/** The current read map, write map and pool generation, and the shards they may name. */
public record RoutingState(ShardMap read, ShardMap write, int poolGeneration, List<ShardAddress> shards) {
    public RoutingState {
        shards = List.copyOf(shards);
    }

    public RoutingVersions versions() {
        return new RoutingVersions(read.version(), write.version(), poolGeneration);
    }
}
