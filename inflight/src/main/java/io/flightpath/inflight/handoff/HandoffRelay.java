package io.flightpath.inflight.handoff;

import io.flightpath.inflight.store.Handoff;
import io.flightpath.inflight.store.WakeSignal;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.store.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Moves finished records from the in-flight store to post-flight: the outbox is split into
 * partitions by a hash of the SID, and each has a worker of its own that reads a batch of its
 * entries, inserts their records into post-flight (idempotent by SID), then deletes the records
 * and entries and writes their tombstones in one in-flight transaction. A crash or failure at any
 * point leaves the entries in place, so the partition's next pass repeats the batch: nothing is
 * lost, and the idempotent insert means nothing is doubled; the other partitions go on meanwhile.
 * {@link #now} hands off one record the same way, at once, in turn with its partition's batches.
 * A worker of its own prunes the tombstones once they are past their retention. Run one relay
 * per in-flight store; thread-safe.
 */
public final class HandoffRelay implements Handoff, AutoCloseable {
    // tombstones live a day: once a second keeps each delete small, and off the batches' path
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(1);

    private final Database db;
    private final HandoffConfig config;
    private final Clock clock;
    private final Outbox outbox;
    private final List<OutboxPartition> partitions = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    /** {@code wake} is the signal the store raises when it queues records. */
    public HandoffRelay(Database db, PostflightService postflight, HandoffConfig config, WakeSignal wake, Clock clock,
                        MeterRegistry metrics) {
        this.db = db;
        this.config = config;
        this.clock = clock;
        this.outbox = new Outbox(clock);
        Counter calls = handedOff(metrics, "call");
        Counter messages = handedOff(metrics, "message");
        List<Buckets> ranges = Buckets.split(config.workers());
        for (int i = 0; i < ranges.size(); i++) {
            OutboxPartition partition = new OutboxPartition(ranges.get(i), db, outbox, postflight, config.batchSize(), calls, messages);
            partitions.add(partition);
            workers.add(new Worker("handoff-relay-" + i, partition::drain, config.idleWait(), config.maxBackoff(), wake));
        }
        // the tombstones are not partitioned: a worker of their own, woken by nothing but its clock
        workers.add(new Worker("handoff-pruner", this::pruneFinished, PRUNE_EVERY, config.maxBackoff(), new WakeSignal()));
        // counted when read rather than after every pass of every worker, which cost a range read each;
        // held strongly: the registry's weak reference let a relay's depth read NaN once the relay was collected
        Gauge.builder("flightpath.handoff.outbox.depth", db, d -> d.read(Outbox::depth))
                .description("Records waiting in the in-flight outbox, counted when read")
                .strongReference(true)
                .register(metrics);
    }

    private static Counter handedOff(MeterRegistry metrics, String kind) {
        return Counter.builder("flightpath.handoff.records")
                .description("Records handed off from in-flight to post-flight")
                .tag("kind", kind)
                .register(metrics);
    }

    /**
     * Hands off everything in the outbox, partition by partition, and returns how many records it
     * handed off. A partition that fails keeps its entries and does not stop the others: the first
     * failure is thrown once every partition had its turn.
     */
    public int drain() {
        int total = 0;
        RuntimeException failure = null;
        for (OutboxPartition partition : partitions) {
            try {
                total += partition.drain();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }

    /** Hands off the record with this SID at once if it awaits handoff; see {@link Handoff#now}. */
    @Override
    public void now(String sid) {
        // read outside the partition's lock only to find the partition: the entry is deleted only
        // by the transaction that completes its handoff, so a missing entry means nothing is left to do
        OptionalInt bucket = db.read(c -> outbox.bucket(c, sid));
        if (bucket.isPresent()) {
            partitionOf(bucket.getAsInt()).now(sid);
        }
    }

    private OutboxPartition partitionOf(int bucket) {
        for (OutboxPartition partition : partitions) {
            if (partition.owns(bucket)) {
                return partition;
            }
        }
        throw new IllegalStateException("no partition owns outbox bucket " + bucket + " of " + Buckets.COUNT);
    }

    /** Deletes tombstones older than the retention; returns how many. */
    public int pruneFinished() {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant().minus(config.finishedRetention()), ZoneOffset.UTC);
        return db.transaction(c -> {
            // as the batches' transactions, and for the same reason: the other workers write tombstones meanwhile
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM finished WHERE finished_at < ?")) {
                ps.setObject(1, cutoff);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Starts every partition's worker, each draining its partition continuously on a virtual thread,
     * and the pruner of tombstones, until {@link #close()}.
     */
    public void start() {
        workers.forEach(Worker::start);
    }

    @Override
    public void close() {
        workers.forEach(Worker::close);
    }
}
