package io.flightpath.core.sharding;

import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A version of a read or write map: a sparse, sorted list of key ranges that together cover the
 * whole keyspace exactly once, each pointing to a physical shard (range plus lookup). A write map
 * entry may be frozen while its range moves: writes to it wait for the next version. Immutable.
 */
public record ShardMap(int version, List<Entry> entries) {

    /** One range and the shard that owns it. */
    public record Entry(KeyRange range, String shard, boolean frozen) {
        public Entry {
            Objects.requireNonNull(range, "range");
            if (shard == null || !shard.matches("[a-z][a-z0-9_-]{0,63}")) {
                throw FlightpathException.invalid("shard name must be lowercase letters, digits, '-' or '_', was '%s'", shard);
            }
        }
    }

    public ShardMap {
        if (version < 1) {
            throw FlightpathException.invalid("map version must be >= 1, was %d", version);
        }
        entries = List.copyOf(entries);
        checkCoverage(entries);
    }

    /** Version 1: the whole keyspace on one shard. */
    public static ShardMap initial(String shard) {
        return new ShardMap(1, List.of(new Entry(KeyRange.FULL, shard, false)));
    }

    /** Version 1: the keyspace cut into equal ranges, one per shard, in order. */
    public static ShardMap even(List<String> shards) {
        if (shards.isEmpty()) {
            throw FlightpathException.invalid("an initial map needs at least one shard");
        }
        List<Entry> entries = new ArrayList<>();
        long step = Long.divideUnsigned(-1L, shards.size());
        long start = 0;
        for (int i = 0; i < shards.size(); i++) {
            long end = i == shards.size() - 1 ? -1L : start + step - 1;
            entries.add(new Entry(new KeyRange(start, end), shards.get(i), false));
            start = end + 1;
        }
        return new ShardMap(1, entries);
    }

    private static void checkCoverage(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw FlightpathException.invalid("a shard map must cover the keyspace; it has no ranges");
        }
        long expected = 0;
        for (int i = 0; i < entries.size(); i++) {
            KeyRange r = entries.get(i).range();
            if (r.start() != expected) {
                throw FlightpathException.invalid("shard map ranges must be contiguous: %s starts at %s, expected %s",
                        r, ShardKey.hex(r.start()), ShardKey.hex(expected));
            }
            if (r.end() == -1L && i != entries.size() - 1) {
                throw FlightpathException.invalid("shard map range %s ends the keyspace but is not last", r);
            }
            expected = r.end() + 1;
        }
        if (entries.get(entries.size() - 1).range().end() != -1L) {
            throw FlightpathException.invalid("shard map must cover the keyspace up to ffffffffffffffff, ends at %s",
                    ShardKey.hex(entries.get(entries.size() - 1).range().end()));
        }
    }

    /** The entry whose range holds {@code key}; a binary search over the sorted starts. */
    public Entry lookup(long key) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (Long.compareUnsigned(entries.get(mid).range().start(), key) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return entries.get(lo);
    }

    /** The next version, with {@code range} owned by {@code shard}; adjacent equal entries merge. */
    public ShardMap assign(KeyRange range, String shard, boolean frozen) {
        List<Entry> next = new ArrayList<>();
        for (Entry e : entries) {
            KeyRange r = e.range();
            if (!r.overlaps(range)) {
                next.add(e);
                continue;
            }
            if (Long.compareUnsigned(r.start(), range.start()) < 0) {
                next.add(new Entry(new KeyRange(r.start(), range.start() - 1), e.shard(), e.frozen()));
            }
            if (r.contains(range.start())) {
                next.add(new Entry(range, shard, frozen)); // once: only one entry holds the start
            }
            if (Long.compareUnsigned(range.end(), r.end()) < 0) {
                next.add(new Entry(new KeyRange(range.end() + 1, r.end()), e.shard(), e.frozen()));
            }
        }
        return new ShardMap(version + 1, merge(next));
    }

    private static List<Entry> merge(List<Entry> entries) {
        List<Entry> merged = new ArrayList<>();
        for (Entry e : entries) {
            if (!merged.isEmpty()) {
                Entry last = merged.get(merged.size() - 1);
                if (last.shard().equals(e.shard()) && last.frozen() == e.frozen() && last.range().end() + 1 == e.range().start()) {
                    merged.set(merged.size() - 1, new Entry(new KeyRange(last.range().start(), e.range().end()), e.shard(), e.frozen()));
                    continue;
                }
            }
            merged.add(e);
        }
        return merged;
    }

    /** The ranges {@code shard} owns, in order. */
    public List<KeyRange> rangesOf(String shard) {
        return entries.stream().filter(e -> e.shard().equals(shard)).map(Entry::range).toList();
    }

    /** Every shard the map names. */
    public List<String> shards() {
        return entries.stream().map(Entry::shard).distinct().toList();
    }
}
