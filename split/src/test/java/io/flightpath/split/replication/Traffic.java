package io.flightpath.split.replication;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes that go on while a test copies, replicates or checksums: one thread inserting new calls
 * (numbered from {@code first}) and changing existing ones (numbered below {@code existing}),
 * one statement per transaction, until closed. Close rethrows the first failure.
 */
final class Traffic implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    Traffic(ShardServer shard, long first, long existing) {
        thread = new Thread(() -> {
            try (Connection c = shard.connect()) {
                while (running.get()) {
                    ShardRows.insertCall(c, first + inserted.get());
                    inserted.incrementAndGet();
                    ShardRows.touchCall(c, ThreadLocalRandom.current().nextLong(1, existing));
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }, "traffic-" + shard.name());
        thread.start();
    }

    long inserted() {
        return inserted.get();
    }

    /** Waits until at least {@code more} calls were inserted since this call. */
    void awaitMore(long more) {
        long target = inserted.get() + more;
        await().atMost(Duration.ofSeconds(60)).until(() -> inserted.get() >= target || failure.get() != null);
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
