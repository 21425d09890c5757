package io.flightpath.rollout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a public read, after it was answered, to Shadow, which asks both paths and compares
 * their answers; Shadow's own answer is dropped. Bounded: past {@link #MAX_IN_FLIGHT} copies under
 * way a copy is skipped and counted, so a slow Shadow never slows the API. Thread-safe.
 */
public final class ShadowTap implements AutoCloseable {
    static final int MAX_IN_FLIGHT = 64;

    private final URI shadow;
    private final Duration timeout;
    private final HttpClient http;
    private final Semaphore permits = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    public ShadowTap(URI shadow, Duration timeout) {
        this.shadow = shadow;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Sends a copy of GET {@code path}?{@code query} with the caller's credentials; returns at once. */
    public void copy(String path, String query, String authorization) {
        if (!permits.tryAcquire()) {
            skipped.incrementAndGet();
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(shadow.resolve(query == null ? path : path + "?" + query))
                .timeout(timeout.multipliedBy(2)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        copied.incrementAndGet();
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> permits.release());
    }

    public long copied() {
        return copied.get();
    }

    public long skipped() {
        return skipped.get();
    }

    @Override
    public void close() {
        http.close();
    }
}
