package io.flightpath.legacy.rekey;

import static org.awaitility.Awaitility.await;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.Message;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.legacy.LegacyRecords;
import io.flightpath.legacy.Stage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live traffic on the legacy tables through {@link LegacyRecords} while a test migrates them: a
 * writer that creates calls and messages, moves them to a final status and prices them, and a
 * reader of seeded and newly written records and of account pages. Every failure is kept; every
 * read of a record known to exist that finds nothing counts as one.
 */
final class LegacyTraffic implements AutoCloseable {
    private final LegacyRecords records;
    private final SeededLegacy seeded;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong operations = new AtomicLong();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final Queue<Call> written = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads;

    LegacyTraffic(SeededLegacy seeded) {
        this.records = seeded.records;
        this.seeded = seeded;
        threads = List.of(loop("legacy-writer", this::write), loop("legacy-reader", this::read));
    }

    private Thread loop(String name, Runnable work) {
        return Thread.ofPlatform().name(name).start(() -> {
            while (running.get()) {
                try {
                    work.run();
                    operations.incrementAndGet();
                } catch (RuntimeException | AssertionError e) {
                    failures.add(e);
                }
            }
        });
    }

    private AccountSid anyAccount() {
        return seeded.accounts.get(ThreadLocalRandom.current().nextInt(seeded.accounts.size()));
    }

    private void write() {
        AccountSid account = anyAccount();
        Call call = records.createCall(new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null));
        Instant at = call.dateCreated();
        records.apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, at.plusMillis(1)),
                StatusEvent.of(call.sid(), CallStatus.IN_PROGRESS, at.plusMillis(2)),
                StatusEvent.of(call.sid(), CallStatus.COMPLETED, at.plusSeconds(30))));
        written.add(records.priceCall(account, call.sid(), new BigDecimal("-0.01300"), "USD", at.plusSeconds(31)));
        Message message = records.createMessage(new NewMessage(account, "+14155550100", "+14155550199", "live", 0, null,
                Direction.OUTBOUND_API));
        Instant sending = message.dateCreated();
        records.apply(List.of(StatusEvent.of(message.sid(), MessageStatus.SENDING, sending.plusMillis(1)),
                StatusEvent.of(message.sid(), MessageStatus.SENT, sending.plusMillis(2))));
    }

    private void read() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Call seededCall = seeded.calls.get(random.nextInt(seeded.calls.size()));
        expectPresent(records.call(seededCall.accountSid(), seededCall.sid(), Stage.ANY).isPresent(), seededCall);
        Message seededMessage = seeded.messages.get(random.nextInt(seeded.messages.size()));
        expectPresent(records.message(seededMessage.accountSid(), seededMessage.sid(), Stage.ANY).isPresent(), seededMessage);
        Call recent = written.peek();
        if (recent != null) {
            expectPresent(records.call(recent.accountSid(), recent.sid(), Stage.POST_FLIGHT).isPresent(), recent);
        }
        records.calls(CallQuery.all(anyAccount()), PageRequest.first(20), Stage.ANY);
    }

    private static void expectPresent(boolean found, Object record) {
        if (!found) {
            throw new AssertionError("a stored record was not found: " + record);
        }
    }

    /** Waits until the traffic did {@code more} operations beyond those done so far. */
    void awaitMore(long more) {
        long target = operations.get() + more;
        await().atMost(Duration.ofSeconds(60)).until(() -> operations.get() >= target || !failures.isEmpty());
    }

    long operations() {
        return operations.get();
    }

    /** Every call the writer finished and priced. */
    List<Call> written() {
        return List.copyOf(written);
    }

    /** Stops the traffic; returns every failure it met. */
    List<Throwable> stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
