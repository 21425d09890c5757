package io.flightpath.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Every flag as of one flags version: what a node evaluates by. Immutable. */
public record FlagSnapshot(long version, Map<String, Flag> flags) {
    /** Before anything was read: version 0, no flags (every evaluation gets the caller's default). */
    public static final FlagSnapshot EMPTY = new FlagSnapshot(0, Map.of());

    public FlagSnapshot {
        flags = Map.copyOf(flags);
    }

    public static FlagSnapshot of(long version, List<Flag> flags) {
        Map<String, Flag> byName = new java.util.HashMap<>();
        flags.forEach(f -> byName.put(f.name(), f));
        return new FlagSnapshot(version, byName);
    }

    /** The names of the flags that differ between this snapshot and {@code other}, sorted. */
    public List<String> changedFrom(FlagSnapshot other) {
        Set<String> names = new TreeSet<>(flags.keySet());
        names.addAll(other.flags.keySet());
        List<String> changed = new ArrayList<>();
        for (String n : names) {
            if (!Objects.equals(flags.get(n), other.flags.get(n))) {
                changed.add(n);
            }
        }
        return changed;
    }
}
