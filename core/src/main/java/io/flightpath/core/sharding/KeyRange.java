package io.flightpath.core.sharding;

import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import java.util.ArrayList;
import java.util.List;

/**
 * An inclusive range [start, end] of the 64-bit shard keyspace, ordered as UNSIGNED numbers (the
 * values live in Java longs). A range of size 1 isolates one account. Written as hex, START-END.
 */
public record KeyRange(long start, long end) {
    /** The whole keyspace: 0000000000000000-ffffffffffffffff. */
    public static final KeyRange FULL = new KeyRange(0L, -1L);

    public KeyRange {
        if (Long.compareUnsigned(start, end) > 0) {
            throw FlightpathException.invalid("key range start %s is above its end %s", ShardKey.hex(start), ShardKey.hex(end));
        }
    }

    public static KeyRange of(long key) {
        return new KeyRange(key, key);
    }

    /** Parses START-END, each 1-16 hex digits (optionally 0x). */
    public static KeyRange parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        if (dash < 1 || dash == text.length() - 1) {
            throw FlightpathException.invalid("a key range is START-END in hex, e.g. 8000000000000000-ffffffffffffffff, was '%s'", text);
        }
        return new KeyRange(ShardKey.parseHex(text.substring(0, dash)), ShardKey.parseHex(text.substring(dash + 1)));
    }

    public boolean contains(long key) {
        return Long.compareUnsigned(start, key) <= 0 && Long.compareUnsigned(key, end) <= 0;
    }

    public boolean overlaps(KeyRange other) {
        return Long.compareUnsigned(start, other.end) <= 0 && Long.compareUnsigned(other.start, end) <= 0;
    }

    public boolean covers(KeyRange other) {
        return contains(other.start) && contains(other.end);
    }

    /** The keys outside this range, as zero, one or two ranges in key order. */
    public List<KeyRange> complement() {
        List<KeyRange> outside = new ArrayList<>(2);
        if (start != 0) {
            outside.add(new KeyRange(0, start - 1));
        }
        if (end != -1L) {
            outside.add(new KeyRange(end + 1, -1L));
        }
        return outside;
    }

    /** The number of keys, saturated at Long.MAX_VALUE for the huge ranges. */
    public long size() {
        long n = end - start + 1;
        return n <= 0 ? Long.MAX_VALUE : n;
    }

    /** The upper half [middle, end], for "move the upper half"; INVALID_ARGUMENT for a single key. */
    public KeyRange upperHalf() {
        if (start == end) {
            throw FlightpathException.invalid("range %s holds one key and cannot be halved", this);
        }
        long middle = start + ((end - start) >>> 1) + 1;
        return new KeyRange(middle, end);
    }

    @Override
    public String toString() {
        return ShardKey.hex(start) + "-" + ShardKey.hex(end);
    }
}
