package io.flightpath.postflight.schema;

import io.flightpath.store.Migrations;
import java.util.List;

/**
 * The schema every post-flight shard holds: the shared record tables, the usage ledger of deleted
 * records (shared with the legacy database, which becomes shard0) and the shard's own fence.
 */
public final class ShardSchema {
    /** Pass these to {@link io.flightpath.store.Database#open} for a post-flight shard. */
    public static final List<Migrations> MIGRATIONS = List.of(Migrations.RECORDS, Migrations.LEDGER,
            new Migrations("db/postflight", "flyway_postflight_history"));

    private ShardSchema() {
    }
}
