package io.flightpath.postflight.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The keyed tables of a post-flight shard, declared once here beside the schema that creates
 * them: the split copies, counts, checksums, deletes and rebuilds exactly these, so a new keyed
 * table is added here (and in a migration), not in the split.
 */
public record KeyedTables(List<KeyedTable> tables) {
    /** The keyed tables of the record schema ({@code db/records}) that every post-flight shard holds. */
    public static final KeyedTables POSTFLIGHT = new KeyedTables(List.of(KeyedTable.of("calls"), KeyedTable.of("messages")));

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
