package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightpath.loadgen.LoadConfig;
import io.flightpath.loadgen.LoadGenerator;
import io.flightpath.loadgen.LoadReport;
import io.flightpath.loadgen.Progress;
import io.flightpath.loadgen.ProgressLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load generator on a thread of its own, at its steady rate until {@link #stop()}; its
 * progress line tells how many records it created so far.
 */
final class BackgroundLoad implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<ProgressLine> progress = new AtomicReference<>();
    private final CompletableFuture<LoadReport> run;

    BackgroundLoad(LoadConfig config) {
        Progress lines = new Progress() {
            @Override
            public void update(ProgressLine line) {
                progress.set(line);
            }

            @Override
            public void note(String text) {
                System.out.println("load: " + text);
            }
        };
        run = CompletableFuture.supplyAsync(() -> LoadGenerator.create().run(config, lines, stop::get),
                task -> Thread.ofPlatform().name("background-load").start(task));
    }

    long created() {
        ProgressLine line = progress.get();
        return line == null ? 0 : line.calls() + line.messages();
    }

    void awaitCreated(long records) {
        await().atMost(Duration.ofSeconds(90)).until(() -> run.isDone() || created() >= records);
        assertThat(run).as("the load runs until the walk is over").isNotDone();
    }

    /**
     * Runs flightpath {@code command} with {@code options} as the CLI does, and checks that the
     * load ran all through it and went on creating records.
     */
    void during(String[] options, String... command) {
        String name = String.join(" ", command);
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(options));
        assertThat(run).as("the load runs before flightpath %s", name).isNotDone();
        long before = created();
        long started = System.nanoTime();
        int exit = Main.commandLine().execute(args.toArray(String[]::new));
        assertThat(exit).as("exit code of flightpath %s (its error is on stderr)", name).isZero();
        assertThat(run).as("the load runs after flightpath %s", name).isNotDone();
        System.out.printf("flightpath %s took %d ms%n", name, (System.nanoTime() - started) / 1_000_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> created() > before);
    }

    /** Ends the arrivals, lets the last lifecycles finish, and returns the verified report. */
    LoadReport stop() throws Exception {
        stop.set(true);
        return run.get(3, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            run.get(3, TimeUnit.MINUTES);
        } catch (Exception e) {
            // reported by stop() when the walk got that far; otherwise the walk's failure is the one to see
        }
    }
}
