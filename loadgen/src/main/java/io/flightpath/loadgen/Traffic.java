package io.flightpath.loadgen;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The open-loop arrivals of a run: every tick starts the calls, messages and reads due by then, each
 * on its own virtual thread, so a slow server gets more concurrent work rather than less traffic
 * (up to the in-flight limit). Each arrival gets its own random generator split from the seeded
 * one, so the same seed plans the same accounts and lifecycles.
 */
final class Traffic {
    private static final long TICK_MILLIS = 10;

    private final LoadConfig config;
    private final AccountPicker accounts;
    private final LifecycleDriver driver;
    private final Reader reader;

    Traffic(LoadConfig config, AccountPicker accounts, LifecycleDriver driver, Reader reader) {
        this.config = config;
        this.accounts = accounts;
        this.driver = driver;
        this.reader = reader;
    }

    /**
     * Returns once the last arrival was started on {@code tasks}: at the configured duration, or at
     * the first tick on which {@code stop} is true (that tick starts nothing). The caller waits for
     * the tasks to finish.
     */
    void run(ScheduledExecutorService ticker, TaskGroup tasks, BooleanSupplier stop) {
        SplittableRandom seeded = new SplittableRandom(config.seed());
        Arrivals calls = new Arrivals(config.callsPerSecond());
        Arrivals messages = new Arrivals(config.messagesPerSecond());
        Arrivals reads = new Arrivals(config.readersPerSecond());
        CountDownLatch over = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long start = System.nanoTime();
        Runnable tick = () -> {
            try {
                if (stop.getAsBoolean()) {
                    over.countDown();
                    return;
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                // Capped, so the last tick tops each stream up to exactly rate × duration.
                Duration at = elapsed.compareTo(config.duration()) < 0 ? elapsed : config.duration();
                launch(calls.due(at), seeded, tasks, r -> driver.drive(RecordKind.CALL, accounts.pick(r), r));
                launch(messages.due(at), seeded, tasks, r -> driver.drive(RecordKind.MESSAGE, accounts.pick(r), r));
                launch(reads.due(at), seeded, tasks, reader::read);
                if (at.equals(config.duration())) {
                    over.countDown();
                }
            } catch (RuntimeException e) {
                // A scheduled task that throws is silently never run again: hand the failure over.
                failure.compareAndSet(null, e);
                over.countDown();
            }
        };
        ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        try {
            over.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted while generating load", e);
        } finally {
            ticks.cancel(false);
        }
        if (failure.get() != null) {
            throw new FlightpathException(ErrorCode.INTERNAL, "start arrivals: " + failure.get().getMessage(), failure.get());
        }
    }

    private static void launch(int count, SplittableRandom seeded, TaskGroup tasks, Consumer<SplittableRandom> work) {
        for (int i = 0; i < count; i++) {
            SplittableRandom own = seeded.split();
            tasks.execute(() -> work.accept(own));
        }
    }
}
