package io.flightpath.store;

/**
 * One set of Flyway scripts a store applies: a classpath folder and the history table that
 * records them. Separate history tables let a store combine the shared record schema with
 * scripts of its own without their version numbers ever interleaving.
 */
public record Migrations(String location, String historyTable) {
    /** The call and message row schema, shared by the in-flight store and every post-flight shard. */
    public static final Migrations RECORDS = new Migrations("db/records", "flyway_records_history");
    /** The usage of deleted records ({@link UsageLedger}), on every post-flight shard and in the legacy database. */
    public static final Migrations LEDGER = new Migrations("db/ledger", "flyway_ledger_history");
}
