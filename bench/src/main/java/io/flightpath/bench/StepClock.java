package io.flightpath.bench;

import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.split.workflow.SplitProgress;
import java.util.ArrayList;
import java.util.List;

/** Timestamps each step of a split as it starts and finishes (System.nanoTime), and keeps its notes. Thread-safe. */
final class StepClock implements SplitProgress {

    /** One step's run: its start and end on the nanoTime clock, and the summary of its outputs. */
    record Timed(Step step, long startNanos, long endNanos, String summary) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final List<Timed> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Step current;
    private long currentStart;

    @Override
    public synchronized void stepStarted(Step step, String description) {
        current = step;
        currentStart = System.nanoTime();
    }

    @Override
    public void advanced(Step step, long done, long total, String unit) {
        // only whole steps are timed
    }

    @Override
    public synchronized void stepFinished(Step step, String summary) {
        if (step == current) {
            steps.add(new Timed(step, currentStart, System.nanoTime(), summary));
            current = null;
        }
    }

    @Override
    public synchronized void note(String message) {
        notes.add(message);
    }

    synchronized List<Timed> steps() {
        return List.copyOf(steps);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
