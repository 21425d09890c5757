package io.flightpath.bench;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.PageRequest;
import io.flightpath.postflight.api.PostflightService;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop traffic through a post-flight store (the shard router's, or the legacy tables'), or
 * through several in turn (one per routing node), at a fixed rate: each request starts on its own virtual thread at its planned time whether or not
 * earlier ones have finished, and its latency
 * counts from that planned time, so a stall shows in full. Two in five requests insert one call,
 * two read a call by SID (seeded, or inserted at least {@link #SETTLED_NANOS} ago) and one reads
 * an account's newest page. Every request is kept as a {@link Sample}. Thread-safe.
 */
final class SteadyLoad implements AutoCloseable {
    /** Reads of inserted calls wait this long after the insert: replication to a new shard takes a moment. */
    static final long SETTLED_NANOS = 2_000_000_000L;
    private static final int RECENT = 4_096;

    /** One request: when it was planned to start, how long it took from then, and whether it failed. */
    record Sample(long plannedNanos, long latencyNanos, boolean failed) {
    }

    private record Inserted(Call call, long atNanos) {
    }

    private final List<PostflightService> stores;
    private final SeedRows seed;
    private final long seededCalls;
    private final long periodNanos;
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Queue<Call> inserted = new ConcurrentLinkedQueue<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicReferenceArray<Inserted> recent = new AtomicReferenceArray<>(RECENT);
    private final AtomicInteger recentNext = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger missedReads = new AtomicInteger();
    private volatile boolean pacing;
    private Thread pacer;

    SteadyLoad(PostflightService store, SeedRows seed, long seededCalls, int perSecond) {
        this(List.of(store), seed, seededCalls, perSecond);
    }

    /** Request n goes through {@code stores.get(n % stores.size())}. */
    SteadyLoad(List<? extends PostflightService> stores, SeedRows seed, long seededCalls, int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("load rate must be >= 1 request/s, was " + perSecond);
        }
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("the load needs at least one store");
        }
        this.stores = List.copyOf(stores);
        this.seed = seed;
        this.seededCalls = seededCalls;
        this.periodNanos = 1_000_000_000L / perSecond;
    }

    void start() {
        pacing = true;
        // a platform thread paces: its timer wakes on time even while every carrier is busy
        pacer = Thread.ofPlatform().daemon().name("bench-load-pacer").start(() -> {
            long first = System.nanoTime();
            for (long i = 0; pacing; i++) {
                long planned = first + i * periodNanos;
                long wait;
                while ((wait = planned - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                long n = i;
                running.incrementAndGet();
                Thread.ofVirtual().start(() -> request(n, planned));
            }
        });
    }

    private void request(long n, long planned) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        PostflightService store = stores.get((int) (n % stores.size()));
        boolean failed = false;
        try {
            switch ((int) (n % 5)) {
                case 0, 1 -> insert(store, random);
                case 2, 3 -> read(store, random);
                default -> store.calls(CallQuery.all(seed.accountOf(1 + random.nextLong(seededCalls))), PageRequest.first(50));
            }
        } catch (RuntimeException e) {
            failed = true;
            if (failures.size() < 10) {
                failures.add(e.toString());
            }
        } finally {
            samples.add(new Sample(planned, System.nanoTime() - planned, failed));
            running.decrementAndGet();
        }
    }

    private void insert(PostflightService store, ThreadLocalRandom random) {
        AccountSid account = seed.accountOf(1 + random.nextLong(seededCalls));
        Call call = BenchCalls.finished(account, random);
        store.insertCalls(List.of(call));
        inserted.add(call);
        recent.set(Math.floorMod(recentNext.getAndIncrement(), RECENT), new Inserted(call, System.nanoTime()));
    }

    private void read(PostflightService store, ThreadLocalRandom random) {
        Inserted pick = random.nextBoolean() ? recent.get(random.nextInt(RECENT)) : null;
        if (pick != null && System.nanoTime() - pick.atNanos() > SETTLED_NANOS) {
            if (store.call(pick.call().accountSid(), pick.call().sid()).isEmpty()) {
                missedReads.incrementAndGet();
            }
            return;
        }
        long n = 1 + random.nextLong(seededCalls);
        if (store.call(seed.accountOf(n), SeedRows.callSid(n)).isEmpty()) {
            missedReads.incrementAndGet();
        }
    }

    /** Every request finished so far. */
    List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** Every call the load inserted successfully. */
    List<Call> inserted() {
        return new ArrayList<>(inserted);
    }

    /** Up to ten failures, as they were thrown. */
    List<String> failures() {
        return new ArrayList<>(failures);
    }

    /** Reads of a call known to be stored that found nothing. */
    int missedReads() {
        return missedReads.get();
    }

    /** Stops starting requests and waits (up to a minute) for those running to finish. */
    @Override
    public void close() {
        pacing = false;
        if (pacer == null) {
            return;
        }
        try {
            pacer.join();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (running.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the load", e);
        }
    }
}
