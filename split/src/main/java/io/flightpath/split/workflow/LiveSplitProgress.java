package io.flightpath.split.workflow;

import io.flightpath.control.api.SplitLive;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.control.api.SplitRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a split's progress where it was shown before and also reports it to the control store
 * ({@link SplitRegistry#report}), so that the admin API and the console see a split that runs in
 * another process: the step, work done and its rate, the time left by that rate, the replication
 * lag last measured, the pacing, what it waits for, and each finished step's time. A thread of
 * its own sends the latest state at most once a {@code every}, so a slow or unreachable control
 * store never slows the split, and a failed report is only logged: progress is not state.
 */
final class LiveSplitProgress implements SplitProgress, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSplitProgress.class);

    private final SplitProgress shown;
    private final SplitRegistry registry;
    private final long id;
    private final double niceRatio;
    private final Clock clock;
    private final Map<String, Double> stepSeconds = new LinkedHashMap<>();
    private final Thread sender;
    private volatile boolean closed;
    private Step step;
    private Instant stepStart;
    private long done;
    private long total;
    private String unit = "rows";
    private Long lag;
    private String note;
    private long version;
    private long sent;
    private boolean failing;

    LiveSplitProgress(SplitProgress shown, SplitRegistry registry, long id, double niceRatio, Clock clock, Duration every) {
        this.shown = shown;
        this.registry = registry;
        this.id = id;
        this.niceRatio = niceRatio;
        this.clock = clock;
        this.sender = Thread.ofVirtual().name("split-" + id + "-live").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    break;
                }
                send();
            }
        });
    }

    @Override
    public void stepStarted(Step started, String description) {
        shown.stepStarted(started, description);
        synchronized (this) {
            step = started;
            stepStart = clock.instant();
            done = 0;
            total = 0;
            note = null;
            version++;
        }
    }

    @Override
    public void advanced(Step at, long doneNow, long totalNow, String unitNow) {
        shown.advanced(at, doneNow, totalNow, unitNow);
        synchronized (this) {
            done = doneNow;
            total = totalNow;
            unit = unitNow;
            version++;
        }
    }

    @Override
    public void stepFinished(Step finished, String summary) {
        shown.stepFinished(finished, summary);
        synchronized (this) {
            if (stepStart != null) {
                stepSeconds.put(finished.name(), Duration.between(stepStart, clock.instant()).toMillis() / 1000.0);
            }
            note = null;
            version++;
        }
    }

    @Override
    public void note(String message) {
        shown.note(message);
        synchronized (this) {
            note = message;
            version++;
        }
    }

    @Override
    public void replicationLag(OptionalLong seconds) {
        shown.replicationLag(seconds);
        synchronized (this) {
            lag = seconds.isPresent() ? seconds.getAsLong() : null;
            version++;
        }
    }

    /** What the split is doing now, as it would be reported; null before its first step. */
    synchronized SplitLive snapshot() {
        if (step == null) {
            return null;
        }
        Instant now = clock.instant();
        double seconds = Math.max(0.001, Duration.between(stepStart, now).toMillis() / 1000.0);
        double rate = done / seconds;
        Long eta = total > 0 && rate > 0 ? (long) Math.ceil(Math.max(0, total - done) / rate) : null;
        return new SplitLive(step.name(), done, total, unit, rate, eta, lag, niceRatio, note, stepSeconds, now);
    }

    private void send() {
        SplitLive live;
        long at;
        synchronized (this) {
            if (version == sent) {
                return;
            }
            at = version;
            live = snapshot();
        }
        if (live == null) {
            return;
        }
        try {
            registry.report(id, live);
            synchronized (this) {
                sent = at;
                failing = false;
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!failing) {
                    LOG.warn("split {}: its progress did not reach the control store ({}); the split goes on", id, e.getMessage());
                }
                failing = true;
            }
        }
    }

    /** Stops the sender after a last report of where the split stands. */
    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        try {
            sender.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send();
    }
}
