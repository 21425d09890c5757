package io.flightpath.legacy.rekey;

import io.flightpath.store.Migrations;

/**
 * RECORD_SCHEMA: the database's history of the record schema says V1 is applied (a Flyway
 * baseline at version 1), so that opening it as a post-flight shard finds its tables in place and
 * does not create them again.
 */
final class RecordShardSchema implements RekeyStep {
    static final String RECORDS_VERSION = "1";

    private final LegacyTables tables;

    RecordShardSchema(LegacyTables tables) {
        this.tables = tables;
    }

    @Override
    public boolean done() {
        return tables.database().appliedVersion(Migrations.RECORDS).isPresent();
    }

    @Override
    public void apply() {
        tables.database().markApplied(Migrations.RECORDS, RECORDS_VERSION);
    }

    @Override
    public String describe() {
        return "record the record schema V" + RECORDS_VERSION + " as applied in " + Migrations.RECORDS.historyTable();
    }
}
