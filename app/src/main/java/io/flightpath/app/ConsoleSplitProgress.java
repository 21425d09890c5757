package io.flightpath.app;

import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.split.workflow.SplitProgress;
import java.io.PrintStream;

/** A split's progress on a terminal: one line per step and a bar for the long ones. Thread-safe. */
final class ConsoleSplitProgress implements SplitProgress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private long lastDraw;
    private boolean barOpen;

    ConsoleSplitProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void stepStarted(Step step, String description) {
        closeBar();
        out.printf("%-25s %s%n", step.numbered(), description);
    }

    @Override
    public synchronized void advanced(Step step, long done, long total, String unit) {
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            out.printf("\r       %s%s %3d%%  %,d / %,d %s", "█".repeat(filled), "░".repeat(WIDTH - filled),
                    Math.min(100, 100 * done / total), done, total, unit);
        } else {
            out.printf("\r       %,d %s", done, unit);
        }
        barOpen = true;
    }

    @Override
    public synchronized void stepFinished(Step step, String summary) {
        closeBar();
        out.printf("       done%n");
    }

    @Override
    public synchronized void note(String message) {
        closeBar();
        out.println("       " + message);
    }

    private void closeBar() {
        if (barOpen) {
            out.println();
            barOpen = false;
        }
    }
}
