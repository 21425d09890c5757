package io.flightpath.app;

import io.flightpath.control.api.SplitRecord.Step;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The faults one chaos split injected, in order, with when each began and was lifted; each printed as it happens. Thread-safe. */
final class Injections {
    /** One fault: after which step, what it was, when it began and when it was lifted (null until then). */
    record Injection(Step after, String what, Instant at, Instant lifted) {
    }

    private final PrintStream out;
    private final String label;
    private final List<Injection> all = new ArrayList<>();

    Injections(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Records a fault that began now; returns its number, for {@link #lifted}. */
    synchronized int injected(Step after, String what) {
        all.add(new Injection(after, what, Instant.now(), null));
        out.printf("chaos %s: %s after %s%n", label, what, after);
        return all.size() - 1;
    }

    synchronized void lifted(int number, String how) {
        Injection i = all.get(number);
        Instant now = Instant.now();
        all.set(number, new Injection(i.after(), i.what(), i.at(), now));
        out.printf(Locale.ROOT, "chaos %s: %s %.1f s later%n", label, how, Duration.between(i.at(), now).toMillis() / 1000.0);
    }

    synchronized List<Injection> all() {
        return List.copyOf(all);
    }

    synchronized Optional<Instant> first() {
        return all.stream().map(Injection::at).findFirst();
    }

    /** When the last fault lifted so far was lifted. */
    synchronized Optional<Instant> lastLifted() {
        return all.stream().map(Injection::lifted).filter(l -> l != null).max(Instant::compareTo);
    }
}
