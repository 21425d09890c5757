package io.flightpath.bench;

import java.util.ArrayList;
import java.util.List;

/** Virtual threads that each repeat one step until stopped: the closed-loop clients of a run. Not thread-safe. */
final class LoopThreads {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    void start(Runnable step) {
        threads.add(Thread.ofVirtual().start(() -> {
            while (!stopped) {
                step.run();
            }
        }));
    }

    /** Lets each thread finish the step it is in, then waits for all of them. */
    void stopAndJoin() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join();
        }
    }
}
