package io.flightpath.shadow.proxy;

import io.flightpath.shadow.rules.Route;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to the experimental (and then the secondary) side once the stable call answered, never in its
 * way: at most {@code capacity} requests are in the mirror at once, and no more than twice the
 * clients' requests then in flight (at least {@link #MIN_BACKLOG}); an offer beyond that is
 * refused at once (the caller counts it as dropped). The first bound caps the memory held for
 * comparisons; the second keeps a slower experimental side from piling up a backlog that would
 * compete with the stable side for the machine and its databases. Thread-safe.
 */
public final class Mirror {
    private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);
    /** Marks requests sent to the experimental and secondary sides as shadow traffic. */
    public static final String SHADOW_HEADER = "X-Shadow-Request";
    /** The mirror may always hold this many, however few clients are in flight, so one-at-a-time clients are not dropped for a comparison that lags. */
    static final int MIN_BACKLOG = 16;
    private static final Map<String, String> EXPERIMENTAL_HEADERS = Map.of(SHADOW_HEADER, "experimental");
    private static final Map<String, String> SECONDARY_HEADERS = Map.of(SHADOW_HEADER, "secondary");

    private final Upstream experimental;
    private final Upstream secondary;
    private final int capacity;
    private final Semaphore permits;
    private final Executor executor;
    private final ShadowListener listener;

    /** {@code secondary} may be null. */
    public Mirror(Upstream experimental, Upstream secondary, int capacity, Executor executor, ShadowListener listener) {
        this.experimental = experimental;
        this.secondary = secondary;
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
        this.executor = executor;
        this.listener = listener;
    }

    /**
     * Starts the shadow calls and returns true, or returns false when the mirror is full. The
     * comparison runs once {@code stable} completes; the caller must complete it. {@code clients}
     * is the number of client requests in flight, this one included.
     */
    public boolean offer(Route route, ProxiedRequest request, CompletableFuture<Exchange> stable, int clients) {
        // twice the clients' requests lets an experimental side up to twice as slow (comparison included)
        // keep up; a slower one, or a saturated machine, sheds load instead of taking the stable side's
        // share (an unbounded backlog cut the Flightpath API's throughput through Shadow by a third).
        // A soft bound: racing offers may pass together.
        if (inFlight() >= Math.max(MIN_BACKLOG, 2 * clients) || !permits.tryAcquire()) {
            return false;
        }
        try {
            // one virtual thread calls the experimental side and then compares: no hand-off between the two
            executor.execute(() -> shadow(route, request, stable));
        } catch (RuntimeException e) {
            permits.release();
            if (e instanceof RejectedExecutionException) {
                return false; // Shadow is closing
            }
            throw e;
        }
        return true;
    }

    private void shadow(Route route, ProxiedRequest request, CompletableFuture<Exchange> stable) {
        try {
            // stable, then experimental, then secondary, each after the one before answered: the
            // secondary brackets the experimental read in time, so a record that changed between the
            // stable and the experimental read (a status event landing) differs in the secondary too
            // and counts as noise, not as a difference of the experimental side
            Exchange first = stable.join();
            Exchange exp = experimental.send(request, EXPERIMENTAL_HEADERS);
            Exchange sec = secondary == null ? null : secondary.send(request, SECONDARY_HEADERS);
            listener.completed(route, request, first, exp, sec);
        } catch (RuntimeException e) {
            // the client has its answer already; the report loses this one comparison
            LOG.error("recording a comparison for {} failed", route.endpoint(), e);
        } finally {
            permits.release();
        }
    }

    /**
     * Waits until every request in the mirror is compared (each call is bounded by its side's
     * timeout), at most {@code limit}; false when some were still under way then.
     */
    public boolean awaitIdle(Duration limit) throws InterruptedException {
        if (!permits.tryAcquire(capacity, limit.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        permits.release(capacity);
        return true;
    }

    /** Requests in the mirror now. */
    public int inFlight() {
        return capacity - permits.availablePermits();
    }
}
