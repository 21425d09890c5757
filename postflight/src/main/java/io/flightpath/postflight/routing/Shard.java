package io.flightpath.postflight.routing;

import io.flightpath.store.Database;

/** One physical post-flight shard: a name from the shard map and the database behind it. */
public record Shard(String name, Database database) {
}
