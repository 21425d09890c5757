package io.flightpath.flags;

import io.flightpath.core.PollLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's flags: a snapshot in memory, kept current by a background loop that asks the
 * {@link FlagSource} for a newer version (the source holds the ask until a change lands, or for up
 * to one poll; a source that cannot hold is polled), and acknowledged with a lease whenever its version changes and again before
 * the lease runs out. When the source cannot be reached the node keeps its last snapshot; once its
 * lease has run out it is stale (and, in the control store, not acknowledged) until a poll
 * succeeds again. Thread-safe.
 */
public final class FlagNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlagNode.class);

    /** What a node tells whoever follows it (the OpenFeature provider, a bench). Called on the poll thread. */
    public interface Listener {
        /**
         * A newer snapshot, before this node evaluates by it or acknowledges it: what must hold on
         * this node before anyone may rely on the new version (a writer switched to a new row
         * shape) is done here. A failure keeps the old snapshot and no acknowledgement is sent;
         * the next poll tries again.
         */
        default void adopting(FlagSnapshot next) {
        }

        default void changed(FlagSnapshot before, FlagSnapshot after) {
        }

        default void stale(String reason) {
        }

        default void current() {
        }

        default void acknowledged(long version, Instant at) {
        }
    }

    private final FlagSource source;
    private final FlagNodeConfig config;
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile FlagSnapshot snapshot = FlagSnapshot.EMPTY;
    private volatile Instant confirmedAt = Instant.EPOCH;
    private volatile Instant leaseUntil = Instant.EPOCH;
    private volatile boolean stale;
    private Instant renewAt = Instant.EPOCH;
    private PollLoop loop;

    public FlagNode(FlagSource source, FlagNodeConfig config, Clock clock, MeterRegistry metrics) {
        this.source = source;
        this.config = config;
        this.clock = clock;
        Gauge.builder("flightpath.flags.version", () -> snapshot.version()).tag("node", config.nodeId())
                .description("the flags version this node evaluates by").register(metrics);
        Gauge.builder("flightpath.flags.snapshot.age", () -> Duration.between(confirmedAt, clock.instant()).toMillis() / 1000.0)
                .tag("node", config.nodeId()).baseUnit("seconds")
                .description("time since this node last confirmed its snapshot is current").register(metrics);
        Gauge.builder("flightpath.flags.stale", () -> isStale() ? 1 : 0).tag("node", config.nodeId())
                .description("1 while this node evaluates a snapshot it could not confirm within its lease").register(metrics);
    }

    /**
     * Reads the flags once and then follows them in the background. A source that cannot be
     * reached does not stop the start: the node evaluates every flag to the caller's default
     * until the first read succeeds, and says so in the log.
     */
    public FlagNode start() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // not marked stale here: the first failed poll does that, once listeners are attached
            LOG.warn("flags node {} starts without flags: {}", config.nodeId(), e.getMessage());
        }
        loop = PollLoop.follow("flags-" + config.nodeId(), config.poll(), this::follow, this::failed);
        return this;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    public String nodeId() {
        return config.nodeId();
    }

    /** The snapshot to evaluate by now; never null. */
    public FlagSnapshot snapshot() {
        return snapshot;
    }

    /** True while this node's last acknowledgement has expired: it may be evaluating an old version. */
    public boolean isStale() {
        return stale || clock.instant().isAfter(leaseUntil);
    }

    /** When this node last confirmed its snapshot against the source. */
    public Instant confirmedAt() {
        return confirmedAt;
    }

    private void failed(RuntimeException e, int inARow) {
        if (PollLoop.worthLogging(inARow)) {
            LOG.warn("flags node {} cannot confirm its flags ({} tries): {}", config.nodeId(), inARow, e.getMessage());
        }
        if (!stale && clock.instant().isAfter(leaseUntil)) {
            stale = true;
            String reason = "cannot reach the control store since " + confirmedAt + ": " + e.getMessage();
            listeners.forEach(l -> l.stale(reason));
        }
    }

    /** One poll, answered at once: see {@link #follow}. */
    void refresh() {
        update(source.changedSince(snapshot.version()));
    }

    /**
     * One ask, which the source holds for at most one poll: the node still asks, and can renew
     * its lease, at least once a poll, so the lease rules are those of plain polling.
     */
    private boolean follow() {
        return update(source.awaitChange(snapshot.version(), PollLoop.holdFor(config.poll())));
    }

    /** Takes a newer snapshot if there is one, and acknowledges when the version changed or the lease needs renewing. */
    private boolean update(Optional<FlagSnapshot> fresh) {
        FlagSnapshot before = snapshot;
        Instant now = clock.instant();
        if (fresh.isPresent()) {
            listeners.forEach(l -> l.adopting(fresh.get()));
            snapshot = fresh.get();
        }
        if (fresh.isPresent() || !now.isBefore(renewAt) || stale) {
            Instant until = now.plus(config.lease());
            source.acknowledge(config.nodeId(), snapshot.version(), now, until);
            leaseUntil = until;
            // renewing at a third of the lease leaves two more polls' worth of tries before it runs out
            renewAt = now.plus(config.lease().dividedBy(3));
            Instant acked = clock.instant();
            listeners.forEach(l -> l.acknowledged(snapshot.version(), acked));
        }
        confirmedAt = now;
        if (fresh.isPresent()) {
            LOG.info("flags node {} now evaluates by flags version {}", config.nodeId(), snapshot.version());
            listeners.forEach(l -> l.changed(before, snapshot));
        }
        if (stale) {
            stale = false;
            LOG.info("flags node {} is current again at flags version {}", config.nodeId(), snapshot.version());
            listeners.forEach(Listener::current);
        }
        return fresh.isPresent();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
