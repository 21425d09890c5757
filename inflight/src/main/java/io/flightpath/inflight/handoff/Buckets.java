package io.flightpath.inflight.handoff;

import java.util.ArrayList;
import java.util.List;

/**
 * A range of outbox buckets, {@code from} inclusive to {@code to} exclusive: one relay worker's
 * share of the outbox. The server files each entry in a bucket by its SID (V2__outbox_buckets.sql).
 */
record Buckets(int from, int to) {
    /** How many buckets the outbox has; the migration fixes it. */
    static final int COUNT = 1024;

    /** All buckets cut into {@code parts} ranges of nearly equal size, in order, together covering each bucket once. */
    static List<Buckets> split(int parts) {
        if (parts < 1 || parts > COUNT) {
            throw new IllegalArgumentException("parts must be from 1 to " + COUNT + ", was " + parts);
        }
        List<Buckets> ranges = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            ranges.add(new Buckets(i * COUNT / parts, (i + 1) * COUNT / parts));
        }
        return ranges;
    }

    boolean contains(int bucket) {
        return bucket >= from && bucket < to;
    }
}
