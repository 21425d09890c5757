package io.flightpath.postflight.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The keyed tables of a post-flight shard, declared once here beside the schema that creates
 * them: the split copies, counts, checksums, deletes and rebuilds exactly these, so a new keyed
 * table is added here (and in a migration), not in the split.
 */
public record KeyedTables(List<KeyedTable> tables) {
    /** The record tables: calls and messages, the legacy database's tables that its re-keying turns into keyed tables. */
    public static final KeyedTables RECORDS = new KeyedTables(List.of(KeyedTable.of("calls"), KeyedTable.of("messages")));
    /**
     * The keyed tables of the record schema ({@code db/records}) that every post-flight shard holds:
     * the record tables and the usage ledger of deleted records, whose rows move with their key.
     */
    public static final KeyedTables POSTFLIGHT = RECORDS.plus(KeyedTable.of("usage_ledger"));

    public KeyedTables {
        tables = List.copyOf(tables);
    }

    /** These tables and {@code more}, for a shard whose schema has a keyed table of its own. */
    public KeyedTables plus(KeyedTable more) {
        List<KeyedTable> all = new ArrayList<>(tables);
        all.add(more);
        return new KeyedTables(all);
    }

    public List<String> names() {
        return tables.stream().map(KeyedTable::name).toList();
    }
}
