package io.flightpath.postflight.routing;

import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.PollLoop;
import io.flightpath.core.ShardKey;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.postflight.schema.ShardFence;
import io.flightpath.store.SqlWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes by the read and write maps of the control store. A background loop asks for new versions
 * (the control service holds the ask until one is published, so it arrives at once; a control
 * service that cannot hold is polled), swaps them in once no write routed by the old ones is
 * running, recycles shard connections when the pool generation changes, and acknowledges what it
 * routes by, with a lease.
 * When the control store cannot be reached it keeps routing by the maps it holds: a split waits
 * out a node whose lease ran out, and what such a node must no longer do the shards refuse
 * themselves ({@link ShardFence}: every write is checked, and so is every read made without a
 * lease). A range whose reads moved before its writes is read by {@link CaughtUpReads}.
 * Thread-safe.
 */
public final class MapRouter implements ShardRouter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MapRouter.class);
    /** The timer of the writes a frozen range held. */
    public static final String HELD_WRITES = "flightpath.routing.writes.held";

    private final RoutingService routing;
    private final ShardPools pools;
    private final RouterConfig config;
    private final Clock clock;
    /** Writes hold the read lock while they run; a swap takes the write lock. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private final ReentrantLock changed = new ReentrantLock();
    private final Condition versionChanged = changed.newCondition();
    private volatile RoutingState current;
    private volatile Instant leaseUntil = Instant.EPOCH;
    private final CaughtUpReads caughtUp;
    private final Counter unconfirmedReads;
    private final Timer heldWrites;
    private PollLoop loop;

    public MapRouter(RoutingService routing, ShardPools pools, RouterConfig config, Clock clock, MeterRegistry metrics) {
        this.routing = routing;
        this.pools = pools;
        this.config = config;
        this.clock = clock;
        this.caughtUp = new CaughtUpReads(config.replicaWait(), metrics);
        this.unconfirmedReads = Counter.builder("flightpath.routing.unconfirmed.reads")
                .description("Reads made by maps this node could not confirm within its lease, each checked by its shard's fence")
                .register(metrics);
        this.heldWrites = Timer.builder(HELD_WRITES)
                .description("How long writes to a moving (frozen) range waited for the move, each write that waited")
                .register(metrics);
        Gauge.builder("flightpath.routing.lease.held", () -> leaseHeld() ? 1 : 0)
                .description("1 while this node's maps are confirmed within its lease").register(metrics);
        Gauge.builder("flightpath.routing.read.version", () -> current == null ? 0 : current.read().version()).register(metrics);
        Gauge.builder("flightpath.routing.write.version", () -> current == null ? 0 : current.write().version()).register(metrics);
    }

    /** Loads the maps once (failing if it cannot), then follows them in the background. */
    public MapRouter start() {
        refresh();
        loop = PollLoop.follow("routing-" + config.nodeId(), config.poll(), this::follow, (e, inARow) -> {
            if (PollLoop.worthLogging(inARow)) {
                LOG.warn("routing node {} cannot confirm its maps ({} tries): {}", config.nodeId(), inARow, e.getMessage());
            }
        });
        return this;
    }

    /** One poll, answered at once: apply what changed, then acknowledge and renew the lease. */
    void refresh() {
        apply(routing.state());
    }

    /**
     * One ask, held by the control service until a new version is published or for one poll:
     * answered either way, the node acknowledges, so it still renews its lease at least once a
     * poll, and the lease rules (at least three polls) are those of plain polling.
     */
    private boolean follow() {
        return apply(routing.awaitChange(current.versions(), PollLoop.holdFor(config.poll())));
    }

    /** Applies what changed, then acknowledges and renews the lease; true when something changed. */
    private boolean apply(RoutingState fresh) {
        RoutingState before = current;
        boolean changed = before == null || !fresh.versions().equals(before.versions());
        if (changed) {
            pools.ensure(fresh.shards());
            swap.writeLock().lock(); // waits until every write routed by the old maps has finished
            try {
                current = fresh;
                if (before != null && before.poolGeneration() != fresh.poolGeneration()) {
                    pools.recycle();
                }
            } finally {
                swap.writeLock().unlock();
            }
            signalChange();
            LOG.info("routing node {} now routes by read map v{}, write map v{}, pool generation {}", config.nodeId(),
                    fresh.read().version(), fresh.write().version(), fresh.poolGeneration());
        }
        Instant now = clock.instant();
        Instant until = now.plus(config.lease());
        routing.acknowledge(new NodeAck(config.nodeId(), fresh.read().version(), fresh.write().version(),
                fresh.poolGeneration(), now, until));
        leaseUntil = until;
        return changed;
    }

    private void signalChange() {
        changed.lock();
        try {
            versionChanged.signalAll();
        } finally {
            changed.unlock();
        }
    }

    @Override
    public Shard forRead(AccountSid account) {
        return pools.shard(loaded().read().lookup(ShardKey.of(account)).shard());
    }

    @Override
    public <R> R read(AccountSid account, SqlWork<R> work) {
        RoutingState routes = loaded();
        long key = ShardKey.of(account);
        String readShard = routes.read().lookup(key).shard();
        String writeShard = routes.write().lookup(key).shard();
        Shard shard = pools.shard(readShard);
        if (!readShard.equals(writeShard)) {
            shard = caughtUp.choose(shard, pools.shard(writeShard));
        }
        R result = shard.database().read(work);
        if (LOG.isDebugEnabled()) {
            LOG.debug("read of key {} on {} by read map v{} and write map v{}, lease {}", ShardKey.hex(key), shard.name(),
                    routes.read().version(), routes.write().version(), leaseHeld() ? "held" : "lapsed");
        }
        // checked after the read: a lease held to the end on these very maps means every move
        // waited for this node, and a shard without a fence on the key had not given it away when
        // the read ran. A lease renewed meanwhile for newer maps vouches for those, not for a read
        // the old ones routed (a node back on the network answered such a read 404)
        if (!leaseHeld() || current != routes) {
            unconfirmedReads.increment();
            String name = shard.name();
            shard.database().read(c -> {
                ShardFence.checkRead(c, name, key);
                return null;
            });
        }
        return result;
    }

    @Override
    public WriteSession openWrite(Collection<AccountSid> accounts) {
        long start = System.nanoTime();
        long deadline = start + config.holdTimeout().toNanos();
        boolean held = false;
        while (true) {
            int seen;
            swap.readLock().lock();
            boolean handedOver = false;
            try {
                ShardMap write = loaded().write();
                Map<AccountSid, Shard> shards = new HashMap<>();
                boolean frozen = false;
                for (AccountSid a : accounts) {
                    ShardMap.Entry entry = write.lookup(ShardKey.of(a));
                    if (entry.frozen()) {
                        frozen = true;
                        break;
                    }
                    shards.put(a, pools.shard(entry.shard()));
                }
                if (!frozen) {
                    handedOver = true;
                    if (held) {
                        heldWrites.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    }
                    return session(shards);
                }
                seen = write.version();
            } finally {
                if (!handedOver) {
                    swap.readLock().unlock();
                }
            }
            // the range is moving: hold this write (without the lock) until the next map version
            held = true;
            try {
                awaitVersionAfter(seen, deadline);
            } catch (FlightpathException e) {
                heldWrites.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                throw e;
            }
        }
    }

    private WriteSession session(Map<AccountSid, Shard> shards) {
        return new WriteSession() {
            private boolean closed;

            @Override
            public Shard shardOf(AccountSid account) {
                Shard s = shards.get(account);
                if (s == null) {
                    throw new IllegalArgumentException("account " + account + " was not routed by this write session");
                }
                return s;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    swap.readLock().unlock();
                }
            }
        };
    }

    private void awaitVersionAfter(int version, long deadline) {
        changed.lock();
        try {
            while (current.write().version() == version) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw FlightpathException.unavailable("its key range is moving to another shard; retry shortly");
                }
                versionChanged.await(Math.min(left, config.poll().toNanos()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlightpathException.unavailable("interrupted while waiting for a key range to move");
        } finally {
            changed.unlock();
        }
    }

    private RoutingState loaded() {
        RoutingState routes = current;
        if (routes == null) {
            throw FlightpathException.unavailable("routing node %s has not loaded the shard maps yet; retry shortly", config.nodeId());
        }
        return routes;
    }

    /** Whether this node's last acknowledgement still holds, so that every move waits for it. */
    public boolean leaseHeld() {
        return !clock.instant().isAfter(leaseUntil);
    }

    /** The maps this node routes by now. */
    public RoutingState routes() {
        return current;
    }

    @Override
    public List<Shard> shards() {
        return pools.all();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
