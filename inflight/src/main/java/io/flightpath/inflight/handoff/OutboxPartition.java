package io.flightpath.inflight.handoff;

import io.flightpath.inflight.handoff.Outbox.Batch;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.store.Database;
import io.flightpath.store.SqlWork;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One range of outbox buckets and the handoff of its entries, one batch at a time: read the
 * entries with their records, insert the records into post-flight (idempotent by SID), then
 * retire them in one in-flight transaction. A failure anywhere leaves the batch's entries in
 * place for the next pass. No other partition ever reads these entries. Thread-safe.
 */
final class OutboxPartition {
    private final Buckets buckets;
    private final Database db;
    private final Outbox outbox;
    private final PostflightService postflight;
    private final int batchSize;
    private final Counter calls;
    private final Counter messages;
    // One batch at a time, from read to retire: a batch read before a record was handed off alone
    // would insert it into post-flight again, after a client may have deleted it there. A record
    // lives in one partition only, so this partition's lock is all that orders its handoffs.
    private final ReentrantLock handingOff = new ReentrantLock();

    OutboxPartition(Buckets buckets, Database db, Outbox outbox, PostflightService postflight, int batchSize,
                    Counter calls, Counter messages) {
        this.buckets = buckets;
        this.db = db;
        this.outbox = outbox;
        this.postflight = postflight;
        this.batchSize = batchSize;
        this.calls = calls;
        this.messages = messages;
    }

    boolean owns(int bucket) {
        return buckets.contains(bucket);
    }

    /** Hands off every entry of this partition, batch by batch; returns how many records. */
    int drain() {
        int total = 0;
        while (true) {
            Batch batch = handOff(c -> outbox.oldest(c, buckets, batchSize));
            total += batch.records();
            if (batch.outboxIds().size() < batchSize) {
                return total;
            }
        }
    }

    /** Hands off the record with this SID, which must lie in this partition, if it awaits handoff. */
    void now(String sid) {
        handOff(c -> outbox.of(c, sid));
    }

    private Batch handOff(SqlWork<Batch> read) {
        handingOff.lock();
        try {
            Batch batch = db.read(read);
            if (batch.outboxIds().isEmpty()) {
                return batch;
            }
            if (!batch.calls().isEmpty()) {
                postflight.insertCalls(batch.calls());
            }
            if (!batch.messages().isEmpty()) {
                postflight.insertMessages(batch.messages());
            }
            // a crash before this commit repeats the batch; the inserts above are idempotent
            db.transaction(c -> outbox.retire(c, batch));
            calls.increment(batch.calls().size());
            messages.increment(batch.messages().size());
            return batch;
        } finally {
            handingOff.unlock();
        }
    }
}
