package io.flightpath.legacy.rekey;

import io.flightpath.legacy.LegacyRecords;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether every process that inserts into the legacy tables now writes the shard key: {@link
 * LegacyRecords#writeShardKeys} returned on each and each acknowledged it. The backfill waits for
 * this, since a row inserted without a key after it passed would stay without one. The rollout
 * answers it from the nodes' acknowledgements; it is asked, never waited for, here.
 */
@FunctionalInterface
public interface KeyedWriters {
    /** The writers not yet known to write keys, by name; empty when all do. */
    List<String> notYetKeyed();

    /** The writers of this process, named by their database's pool name. */
    static KeyedWriters local(List<LegacyRecords> writers) {
        List<LegacyRecords> all = List.copyOf(writers);
        return () -> {
            List<String> behind = new ArrayList<>();
            all.stream().filter(w -> !w.writesShardKeys()).forEach(w -> behind.add(w.database().name()));
            return behind;
        };
    }
}
