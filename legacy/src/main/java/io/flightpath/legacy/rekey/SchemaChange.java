package io.flightpath.legacy.rekey;

import io.flightpath.postflight.schema.KeyedTable;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A schema step: one online ALTER TABLE on each legacy table whose catalog does not show its
 * effect yet. The three the migration needs are built by the factories below.
 */
final class SchemaChange implements RekeyStep {
    private static final int ER_DUP_FIELDNAME = 1060;
    private static final int ER_DUP_KEYNAME = 1061;
    private static final int NONE = -1;

    private final LegacyTables tables;
    private final OnlineAlter alter;
    private final Predicate<TableShape> inPlace;
    private final Function<KeyedTable, String> change;
    private final int doneAlready;
    private final String description;

    private SchemaChange(LegacyTables tables, OnlineAlter alter, Predicate<TableShape> inPlace, Function<KeyedTable, String> change,
                         int doneAlready, String description) {
        this.tables = tables;
        this.alter = alter;
        this.inPlace = inPlace;
        this.change = change;
        this.doneAlready = doneAlready;
        this.description = description;
    }

    /**
     * ADD_COLUMN: the key column, NULL for every row until the backfill, in the place the record
     * schema gives it so that a row's columns line up with a fresh shard's. An instant change of
     * the metadata (MariaDB >= 10.4 adds a column anywhere without touching a row);
     * ALGORITHM=INSTANT makes the server refuse rather than copy the table.
     */
    static SchemaChange addColumn(LegacyTables tables, OnlineAlter alter) {
        return new SchemaChange(tables, alter, TableShape::hasColumn,
                t -> "ADD COLUMN " + t.keyColumn() + " BIGINT UNSIGNED NULL AFTER account_sid, ALGORITHM=INSTANT",
                ER_DUP_FIELDNAME, "add the NULL-able column shard_key (instant: metadata only)");
    }

    /**
     * BUILD_INDEX: the record schema's index on the key, built online (reads and writes go on)
     * while every key is still NULL, before the backfill: the backfill then finds the rows left to
     * key through it instead of scanning the table, and "is any row left?" is one probe.
     */
    static SchemaChange buildIndex(LegacyTables tables, OnlineAlter alter) {
        return new SchemaChange(tables, alter, TableShape::indexed,
                t -> "ADD INDEX " + TableShape.indexName(t) + " (" + t.keyColumn() + "), ALGORITHM=INPLACE, LOCK=NONE",
                ER_DUP_KEYNAME, "build the index on shard_key online (ALGORITHM=INPLACE, LOCK=NONE)");
    }

    /**
     * REQUIRE_KEY: the key column becomes NOT NULL as on a fresh shard, so that no row can ever
     * escape the split's key ranges. MariaDB can only do this by rebuilding the table, here online
     * (writes during the rebuild are logged and replayed); strict mode ({@link OnlineAlter}) makes
     * a NULL left behind fail it instead of becoming key 0. Nothing to do when {@code required} is false.
     */
    static SchemaChange requireKey(LegacyTables tables, OnlineAlter alter, boolean required) {
        return new SchemaChange(tables, alter, s -> !required || (s.hasColumn() && !s.nullable()),
                t -> "MODIFY " + t.keyColumn() + " BIGINT UNSIGNED NOT NULL, ALGORITHM=INPLACE, LOCK=NONE", NONE,
                required ? "make shard_key NOT NULL (an online rebuild of each table)" : "keep shard_key NULL-able (by setting)");
    }

    @Override
    public boolean done() {
        return tables.allMatch(inPlace);
    }

    @Override
    public void apply() {
        for (KeyedTable t : tables.all()) {
            if (!inPlace.test(tables.shape(t))) {
                alter.alter(t.name(), change.apply(t), doneAlready);
            }
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
