package io.flightpath.postflight.schema;

import java.util.Objects;

/**
 * A table of a post-flight shard whose rows belong to the shard that owns their key, so that an
 * online split moves them with their key range. Such a table has a local {@code id} primary key,
 * an {@code account_sid} column, and the account's shard key in an indexed {@link #keyColumn}.
 */
public record KeyedTable(String name, String keyColumn) {
    /** The key column of the record schema: the xxHash64 of account_sid, unsigned. */
    public static final String SHARD_KEY = "shard_key";

    public KeyedTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyColumn, "keyColumn");
    }

    /** A table keyed by {@value #SHARD_KEY}, as every table of the record schema is. */
    public static KeyedTable of(String name) {
        return new KeyedTable(name, SHARD_KEY);
    }
}
