package io.flightpath.legacy.rekey;

import io.flightpath.postflight.schema.KeyedTable;
import io.flightpath.postflight.schema.KeyedTables;
import io.flightpath.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.function.Predicate;

/** The legacy database's tables that become keyed tables of a shard, and what each step observes of them. Thread-safe. */
final class LegacyTables {
    private final Database db;
    private final KeyedTables tables;

    LegacyTables(Database db, KeyedTables tables) {
        this.db = db;
        this.tables = tables;
    }

    Database database() {
        return db;
    }

    List<KeyedTable> all() {
        return tables.tables();
    }

    TableShape shape(KeyedTable table) {
        return db.read(c -> TableShape.of(c, table));
    }

    boolean allMatch(Predicate<TableShape> fact) {
        return all().stream().map(this::shape).allMatch(fact);
    }

    /** Whether a row of {@code table} has no key yet: one probe of the key index, which must exist. */
    boolean hasUnkeyedRows(KeyedTable table) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table.name() + " FORCE INDEX (" + TableShape.indexName(table)
                    + ") WHERE " + table.keyColumn() + " IS NULL LIMIT 1"); ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }
}
