package io.flightpath.bench;

import io.flightpath.core.Call;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The handoff lag a reader sees: for each call whose final event was sent while recording, the
 * time from sending that event to the moment its post-flight insert committed, when the call
 * became readable there. Thread-safe.
 */
final class HandoffLag {
    private final Map<String, Long> finalEvents = new ConcurrentHashMap<>();
    // microseconds, three significant digits, resized as needed
    private final Histogram micros = new ConcurrentHistogram(3);
    private volatile boolean recording;

    /** Percentiles in milliseconds over the calls that landed. */
    record Figures(long calls, double p50, double p99, double max) {
    }

    /** Starts timing the calls whose final event is sent from now on; what was measured before is kept. */
    void start() {
        recording = true;
    }

    /** Stops timing new calls; those already timed are still measured when they land. */
    void stop() {
        recording = false;
    }

    /** Forgets every figure and every call still on its way. */
    void clear() {
        finalEvents.clear();
        micros.reset();
    }

    /** The final event of this call is being sent now. */
    void finalEventSent(String sid, long nanos) {
        if (recording) {
            finalEvents.put(sid, nanos);
        }
    }

    /** These calls are committed in post-flight now; a repeated insert of a call counts once, the first. */
    void landed(List<Call> calls) {
        long now = System.nanoTime();
        for (Call call : calls) {
            Long sent = finalEvents.remove(call.sid().value());
            if (sent != null) {
                micros.recordValue(TimeUnit.NANOSECONDS.toMicros(now - sent));
            }
        }
    }

    Figures figures() {
        return new Figures(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(99) / 1e3,
                micros.getMaxValue() / 1e3);
    }
}
