package io.flightpath.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A probe's clock: a thread that runs a tick at a fixed rate, a late tick not pushing the next ones back. */
final class Ticker {
    private Ticker() {
    }

    /**
     * Starts {@code thread} running {@code tick} every {@code every} until {@code stopped} says
     * so or the thread is interrupted; a tick that starts slow work hands it to a thread of its own.
     */
    static Thread start(Thread.Builder thread, Duration every, BooleanSupplier stopped, Runnable tick) {
        return thread.start(() -> {
            long next = System.nanoTime();
            while (!stopped.getAsBoolean()) {
                tick.run();
                next += every.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(wait));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }
}
