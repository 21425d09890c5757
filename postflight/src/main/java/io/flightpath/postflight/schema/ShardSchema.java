package io.flightpath.postflight.schema;

import io.flightpath.store.Migrations;
import java.util.List;

/** The schema every post-flight shard holds: the shared record tables and the shard's own fence. */
public final class ShardSchema {
    /** Pass these to {@link io.flightpath.store.Database#open} for a post-flight shard. */
    public static final List<Migrations> MIGRATIONS = List.of(Migrations.RECORDS,
            new Migrations("db/postflight", "flyway_postflight_history"));

    private ShardSchema() {
    }
}
