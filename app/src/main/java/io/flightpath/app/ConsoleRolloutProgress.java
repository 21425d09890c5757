package io.flightpath.app;

import io.flightpath.control.api.RolloutRecord.Phase;
import io.flightpath.rollout.RolloutProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** A rollout's progress on a terminal: a line per phase, its notes indented under it, each with the time since the phase began. */
final class ConsoleRolloutProgress implements RolloutProgress {
    private final PrintStream out;
    private Instant phaseStart = Instant.now();

    ConsoleRolloutProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void phaseStarted(Phase phase, String description) {
        phaseStart = Instant.now();
        out.printf("%-26s %s%n", phase.numbered(), description);
    }

    @Override
    public synchronized void note(Phase phase, String message) {
        out.printf("  %6.1fs  %s%n", Duration.between(phaseStart, Instant.now()).toMillis() / 1000.0, message);
    }

    @Override
    public synchronized void phaseFinished(Phase phase, String summary) {
        out.printf("  %6.1fs  %s done: %s%n", Duration.between(phaseStart, Instant.now()).toMillis() / 1000.0, phase, summary);
    }
}
