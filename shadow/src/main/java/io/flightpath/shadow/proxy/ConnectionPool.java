package io.flightpath.shadow.proxy;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keep-alive connections to one upstream: a call takes an idle one or opens a new one, and
 * gives it back when its response left it reusable. At most {@code maxIdle} wait idle; there is no
 * bound on connections in use, as each belongs to one request the mirror or the server let in.
 * Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {
    // below the idle timeouts of common servers (Jetty 30 s), so a closed-by-peer connection is rarely picked
    static final Duration IDLE_LIMIT = Duration.ofSeconds(20);
    /** How long a connection may have been idle to carry a request that is never sent twice: far below any server's idle timeout. */
    static final Duration FRESH_LIMIT = Duration.ofSeconds(1);
    /** How late a call's timeout may fire. */
    static final Duration WATCH_EVERY = Duration.ofMillis(20);

    private final String host;
    private final int port;
    private final boolean tls;
    private final int maxIdle;
    // last in, first out: the warmest connection is the least likely to have been closed by the peer
    private final ConcurrentLinkedDeque<UpstreamConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    // every connection open, idle or in use, for the watchdog
    private final Set<UpstreamConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ConnectionPool(String host, int port, boolean tls, int maxIdle) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.maxIdle = maxIdle;
        Thread.ofVirtual().name("shadow-upstream-watchdog").start(this::watch);
    }

    /**
     * Every {@link #WATCH_EVERY}, fails the calls that ran past their deadline (a timed read would
     * cost a timer per wait) and forgets the connections closed since. Runs until the pool is closed
     * and its last connection too, so calls under way at close still time out.
     */
    private void watch() {
        while (!closed || !open.isEmpty()) {
            try {
                Thread.sleep(WATCH_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (UpstreamConnection c : open) {
                if (c.isClosed()) {
                    open.remove(c);
                } else {
                    c.expireIfLate(now);
                }
            }
        }
    }

    /**
     * An idle connection idle for less than {@code idleLimit}, or a new one opened within
     * {@code deadline} (a {@link System#nanoTime()} instant).
     */
    UpstreamConnection acquire(long deadline, Duration idleLimit) throws IOException {
        UpstreamConnection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            long idleFor = c.idleNanos();
            if (idleFor < idleLimit.toNanos()) {
                return c;
            }
            if (idleFor < IDLE_LIMIT.toNanos()) {
                // too long idle for this request, not for others: back where it was, its idle time kept
                idleCount.incrementAndGet();
                idle.offerFirst(c);
                if (closed) {
                    drain();
                }
                break;
            }
            c.close();
        }
        c = UpstreamConnection.open(host, port, tls, deadline);
        open.add(c);
        return c;
    }

    /** Takes the connection back for the next call, or closes it when it cannot carry one. */
    void release(UpstreamConnection c) {
        if (closed || !c.reusable()) {
            c.close();
            return;
        }
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            c.close();
            return;
        }
        c.idle();
        idle.offerFirst(c);
        if (closed) {
            drain(); // close() may have drained before this one came back
        }
        evictOldest();
    }

    /** The coldest connection sits at the tail, where takers rarely reach: close it once the peer has likely given up on it. */
    private void evictOldest() {
        UpstreamConnection oldest = idle.peekLast();
        if (oldest != null && oldest.idleNanos() >= IDLE_LIMIT.toNanos() && idle.removeLastOccurrence(oldest)) {
            idleCount.decrementAndGet();
            oldest.close();
        }
    }

    private void drain() {
        UpstreamConnection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            c.close();
        }
    }

    /** Closes the idle connections; those in use close when they come back. */
    @Override
    public void close() {
        closed = true;
        drain();
    }
}
