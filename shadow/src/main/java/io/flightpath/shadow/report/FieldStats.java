package io.flightpath.shadow.report;

import java.util.concurrent.atomic.LongAdder;

/** One field's counts within an endpoint. Thread-safe. */
final class FieldStats {
    /** Differences that noise did not explain, request by request. */
    final LongAdder differences = new LongAdder();
    /** Differences that were noise: declared by rules or seen on the secondary too. */
    final LongAdder noise = new LongAdder();
    /** Times the secondary differed from stable here. */
    final LongAdder secondary = new LongAdder();

    FieldView view(String field, long requests, Thresholds thresholds) {
        long d = differences.sum();
        long n = noise.sum();
        long s = secondary.sum();
        long raw = d + n;
        boolean real = d > 0 && thresholds.significant(requests, raw, s);
        return new FieldView(field, d, n, s, real ? "difference" : "noise");
    }

    void add(FieldView stored) {
        differences.add(stored.differences());
        noise.add(stored.noise());
        secondary.add(stored.secondary());
    }
}
