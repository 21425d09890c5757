package io.flightpath.bench;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Failed lifecycles of a run: how many, and the first one's error, so a report can say why. Thread-safe. */
final class Failures {
    private final LongAdder count = new LongAdder();
    private final AtomicReference<RuntimeException> first = new AtomicReference<>();

    void add(long lifecycles, RuntimeException e) {
        count.add(lifecycles);
        first.compareAndSet(null, e);
    }

    long count() {
        return count.sum();
    }

    /** The first failure's message, or null when nothing failed. */
    String first() {
        RuntimeException e = first.get();
        return e == null ? null : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
