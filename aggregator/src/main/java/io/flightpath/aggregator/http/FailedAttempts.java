package io.flightpath.aggregator.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-in attempts counted per key (a client address, an AccountSid) in fixed windows: a key
 * with {@code limit} failures in its current window is blocked until the window ends. Bounded: at
 * {@code maxKeys} keys the ended windows are dropped, and if that is not enough, all of them.
 * Thread-safe.
 */
final class FailedAttempts<K> {
    private final int limit;
    private final Duration window;
    private final int maxKeys;
    private final Map<K, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant start, int failures) {
    }

    FailedAttempts(int limit, Duration window, int maxKeys) {
        this.limit = limit;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /** How long {@code key} stays blocked; empty when it may try again now. */
    Optional<Duration> blockedFor(K key, Instant now) {
        Window w = windows.get(key);
        if (w == null || w.failures() < limit || !now.isBefore(w.start().plus(window))) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, w.start().plus(window)));
    }

    void fail(K key, Instant now) {
        if (windows.size() >= maxKeys) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
            if (windows.size() >= maxKeys) {
                windows.clear(); // crude but bounded: a flood of addresses forgets old counts rather than memory
            }
        }
        windows.compute(key, (k, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }
}
