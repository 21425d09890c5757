package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.bench.Quiescence;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RolloutRecord.Phase;
import io.flightpath.http.ServiceClient;
import io.flightpath.inflight.http.InflightHttpClient;
import io.flightpath.legacy.LegacyRecords;
import io.flightpath.loadgen.LoadConfig;
import io.flightpath.loadgen.LoadGenerator;
import io.flightpath.loadgen.LoadReport;
import io.flightpath.loadgen.Progress;
import io.flightpath.loadgen.ProgressLine;
import io.flightpath.rollout.RolloutProgress;
import io.flightpath.rollout.RolloutRunner;
import io.flightpath.rollout.RolloutSettings;
import io.flightpath.rollout.RolloutShape;
import io.flightpath.shadow.report.EndpointView;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole journey in one command: the legacy shape on a cluster of its own, seeded history, the
 * load generator all along, the rollout through every phase to the sharded after shape, and one
 * report. Exit 0 only when no request failed, no record was lost, doubled or left in a wrong
 * status, and every seeded record reads back as it was written.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the legacy shape, seed history, run the load, walk the rollout to the sharded after shape, report.",
                "Exit 0 only when nothing failed, was lost, doubled or left in a wrong status, and the history reads back intact."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:FLIGHTPATH_HOME:-.flightpath}/demo",
            description = "Folder of the demo's own cluster, emptied first (default ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "23500",
            description = "First port of the demo's MariaDB servers (default ${DEFAULT-VALUE}, away from `up`'s).")
    int basePort;

    @Option(names = "--records", paramLabel = "N", defaultValue = "100000", description = "Seeded calls and messages (default ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "1000", description = "Accounts the history is spread over (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--load-accounts", paramLabel = "N", defaultValue = "20", description = "Accounts of the load generator (default ${DEFAULT-VALUE}).")
    int loadAccounts;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "20",
            description = "The load's calls and messages per second, each (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--baseline", paramLabel = "TIME", defaultValue = "30s", converter = LoadCommand.DurationConverter.class,
            description = "How long the load is measured before the rollout starts (default ${DEFAULT-VALUE}).")
    Duration baseline;

    @Option(names = "--shadow-min", paramLabel = "N", defaultValue = "200", description = "Compared requests per endpoint the Shadow gate needs.")
    int shadowMin;

    @Option(names = "--watch", paramLabel = "TIME", defaultValue = "15s", converter = LoadCommand.DurationConverter.class,
            description = "How long each flip step is watched (default ${DEFAULT-VALUE}).")
    Duration watch;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "4", description = "Shards at the end, plus the isolated account (default ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--keep", description = "Leave the demo's cluster running and its data in place at the end.")
    boolean keep;

    /** One phase's row of the report. */
    private record Row(String phase, double seconds, long requests, long compared, long differing, String percent, String shape,
                       double p50, double p99, long probes, GcPauses.Summary gc) {
        Row renamed(String name) {
            return new Row(name, seconds, requests, compared, differing, percent, shape, p50, p99, probes, gc);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path dir = home.toAbsolutePath().normalize();
        LocalCluster cluster = new LocalCluster(dir, line -> { });
        out.println("demo: a fresh legacy shape in " + dir + " (MariaDB servers from port " + basePort + ")");
        cluster.destroy();
        deleteTree(dir.resolve("shadow")); // a report left by an earlier demo would count in this one's gate
        cluster.up("127.0.0.1", basePort, 1);
        try {
            return run(out, dir, cluster);
        } finally {
            if (!keep) {
                cluster.destroy();
            }
        }
    }

    private int run(PrintStream out, Path dir, LocalCluster cluster) throws Exception {
        StoreAddresses stores = StoreAddresses.of(cluster, 16);
        String token = LocalSecrets.internalToken(dir);
        Settings settings = Settings.of(Map.of("api.listen", "127.0.0.1:0", "control.listen", "127.0.0.1:0", "inflight.listen", "127.0.0.1:0",
                "postflight.listen", "127.0.0.1:0", "billing.listen", "127.0.0.1:0", "console.listen", "127.0.0.1:0"));
        try (ServiceStack stack = ServiceStack.legacy(stores.control(), stores.inflight(), stores.legacy(), ShadowFront.at(dir.resolve("shadow")),
                settings, token, Clock.systemUTC())) {
            Endpoints endpoints = new Endpoints(stack.uri(Service.API), stack.uri(Service.CONTROL), stack.uri(Service.INFLIGHT),
                    stack.uri(Service.POSTFLIGHT), stack.uri(Service.BILLING), stack.shadowReport(), stack.uri(Service.CONSOLE), null);
            endpoints.write(dir);
            out.println("demo: the legacy shape is up: API " + endpoints.api() + ", Shadow's report " + endpoints.shadow());

            DemoHistory history = new DemoHistory();
            long seedStart = System.nanoTime();
            try (Database legacy = Database.open("demo-seed", stores.legacy(), LegacyRecords.MIGRATIONS)) {
                history.seed(stack.accounts(), new LegacyRecords(legacy, Clock.systemUTC()), accounts, records, out);
            }
            out.printf("demo: seeded %,d records (%,d in flight) over %,d accounts in %.1f s; statuses: %s%n", history.seeded(),
                    history.inFlight(), accounts, (System.nanoTime() - seedStart) / 1e9, String.join(", ", history.statuses()));
            // measured before the server wrote the seeding back, "before" would carry that flushing, not the steady state
            // SET GLOBAL is the administrator's: no service account may change a server's settings
            DbCredentials admin = cluster.credentials();
            DatabaseConfig legacyServer = stores.legacy();
            Duration settled = Quiescence.await(new DatabaseConfig(legacyServer.host(), legacyServer.port(), legacyServer.database(),
                    admin.user(), admin.password(), 1), 0.01, Duration.ofMinutes(2));
            out.printf("demo: the legacy server wrote the seeded pages back in %.1f s%n", settled.toMillis() / 1000.0);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<ProgressLine> line = new AtomicReference<>();
            LoadConfig load = LoadConfig.builder(endpoints.api(), endpoints.events(), endpoints.control(), token)
                    .accounts(loadAccounts).callsPerSecond(rate).messagesPerSecond(rate).duration(Duration.ofHours(2))
                    .verifyTimeout(Duration.ofMinutes(2)).build();
            CompletableFuture<LoadReport> running = CompletableFuture.supplyAsync(() -> LoadGenerator.create().run(load, new Progress() {
                @Override
                public void update(ProgressLine progress) {
                    line.set(progress);
                }

                @Override
                public void note(String text) {
                    out.println("demo: load: " + text);
                }
            }, stop::get), task -> Thread.ofPlatform().name("demo-load").start(task));
            out.printf("demo: load on: %s calls/s and %s messages/s over %d accounts, with API readers; measuring %d s before the rollout%n",
                    fmt(rate), fmt(rate), loadAccounts, baseline.toSeconds());

            AccountCredentials probeAccount = stack.accounts().create("demo probe");
            ScrapedTraffic traffic = new ScrapedTraffic(endpoints.api());
            List<Row> rows = new ArrayList<>();
            RolloutRecord done;
            InflightHttpClient events = new InflightHttpClient(new ServiceClient("inflight", endpoints.events(), token, Duration.ofSeconds(30)));
            try (DemoProbe probe = new DemoProbe(endpoints.api(), events, probeAccount, Duration.ofMillis(50));
                 RolloutCommand.Parts parts = RolloutCommand.parts(cluster, new ServiceClient("control", endpoints.control(), token,
                         Duration.ofSeconds(30)), endpoints)) {
                Thread.sleep(Duration.ofSeconds(10)); // the JVM and the pools warm up: not part of "before"
                probe.window("before");
                long before = traffic.allRequests();
                Thread.sleep(baseline);
                rows.add(row("before", baseline.toNanos() / 1e9, traffic.allRequests() - before, parts.parts(), stack, probe));
                PhaseReport report = new PhaseReport(out, traffic, parts.parts(), stack, probe, rows, history, events);
                RolloutSettings defaults = RolloutSettings.defaults();
                RolloutSettings walk = defaults.withShadowMinCompared(shadowMin).withWatch(watch).withShards(shards, true);
                RolloutRunner runner = new RolloutRunner(parts.parts(), walk, report, Clock.systemUTC(), "demo-" + ProcessHandle.current().pid(),
                        RolloutRunner.PhaseHook.NONE);
                done = runner.run(runner.plan().id(), Phase.DONE);
                probe.window("after");
                long after = traffic.allRequests();
                Thread.sleep(Duration.ofSeconds(5));
                rows.add(row("after", 5, traffic.allRequests() - after, parts.parts(), stack, probe));
                out.println("demo: rollout " + done.id() + " is " + done.state().name().toLowerCase(Locale.ROOT) + "; stopping the load and verifying");
                stop.set(true);
                LoadReport result = running.get(5, TimeUnit.MINUTES);
                long probeFailed = probe.failed();
                long probeLost = probe.unreadable();
                out.println("demo: reading back every seeded record through the public API");
                DemoHistory.Check check = history.check(endpoints.api());
                return report(out, rows, result, probe, probeFailed, probeLost, check, done);
            }
        }
    }

    private int report(PrintStream out, List<Row> rows, LoadReport load, DemoProbe probe, long probeFailed, long probeLost,
                       DemoHistory.Check check, RolloutRecord done) {
        double p99Before = rows.getFirst().p99();
        out.println();
        out.println("Flightpath demo: the legacy shape to " + shards + " shards and an isolated account, under load");
        out.printf("%-22s %8s %10s %9s %9s %9s %-19s %8s %8s %7s %8s%n", "phase", "seconds", "requests", "compared", "differing", "services",
                "shape", "p50 ms", "p99 ms", "p99 ×", "GC ms");
        for (Row r : rows) {
            out.printf("%-22s %8.1f %,10d %,9d %,9d %9s %-19s %8.2f %8.2f %7.2f %8s%n", r.phase(), r.seconds(), r.requests(), r.compared(),
                    r.differing(), r.percent() + " %", r.shape(), r.p50(), r.p99(), r.p99() / p99Before,
                    r.gc().count() + "/" + r.gc().longestMs());
        }
        out.println();
        // the tail the target compares, on both sides: what "before" had, and where the riskiest phase's slow requests were
        for (String window : List.of("before", Phase.LEGACY_BECOMES_SHARD0.name())) {
            out.println("slowest probe requests " + (window.equals("before") ? "before the rollout" : "in " + window)
                    + " (ms, request, step, started):");
            for (Map.Entry<String, DemoProbe.Sample> e : probe.slowest(window, 8)) {
                DemoProbe.Sample sample = e.getValue();
                out.printf("  %8.2f  %-6s  %-14s  %s%n", sample.nanos() / 1e6, sample.kind(),
                        e.getKey().equals(window) ? "-" : e.getKey().substring(window.length() + 1), sample.started());
            }
        }
        long failed = load.failedRequests() + probeFailed;
        long lost = load.records().lost() + probeLost;
        out.println();
        out.printf("requests that failed   %,d (load %,d, probe %,d)%n", failed, load.failedRequests(), probeFailed);
        out.printf("records lost           %,d (load %,d, probe %,d of %,d)%n", lost, load.records().lost(), probeLost, probe.createdCount());
        out.printf("records doubled        %,d%n", load.records().duplicated());
        out.printf("wrong status           %,d%n", load.records().wrongStatus());
        out.printf("load records           %,d calls, %,d messages created and verified%n", load.records().callsCreated(), load.records().messagesCreated());
        out.printf("seeded history         %,d of %,d read back, %,d missing, %,d differing: %s%n", check.checked(), check.records(),
                check.missing(), check.differing(), check.intact() ? "intact" : "NOT intact");
        check.examples().forEach(e -> out.println("  " + e));
        boolean passed = failed == 0 && lost == 0 && load.records().duplicated() == 0 && load.records().wrongStatus() == 0 && check.intact()
                && done.phase() == Phase.DONE;
        out.println(passed ? "demo passed" : "demo FAILED");
        return passed ? 0 : 1;
    }

    private static Row row(String phase, double seconds, long requests, RolloutRunner.Parts parts, ServiceStack stack, DemoProbe probe) {
        long compared = 0;
        long differing = 0;
        for (EndpointView e : parts.shadow().endpoints()) {
            compared += e.compared();
            differing += e.differences();
        }
        String percent = parts.flags().find(ServicesPathFlag.NAME)
                .map(f -> f.rollout() == null ? "0" : fmt(f.rollout().percent())).orElse("0");
        double[] p = probe.percentiles(phase);
        RolloutShape shape = stack.shape();
        return new Row(phase, seconds, requests, compared, differing, percent, shape == null ? "-" : shape.value(), p[0], p[1], (long) p[2],
                probe.pauses(phase));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!java.nio.file.Files.exists(root)) {
            return;
        }
        try (var files = java.nio.file.Files.walk(root)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(f);
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The rollout's progress on the terminal, and a report row per phase; finishes the history's in-flight records once new ones live elsewhere. */
    private static final class PhaseReport implements RolloutProgress {
        private final PrintStream out;
        private final ScrapedTraffic traffic;
        private final RolloutRunner.Parts rollout;
        private final ServiceStack stack;
        private final DemoProbe probe;
        private final List<Row> rows;
        private final DemoHistory history;
        private final InflightHttpClient events;
        private final ConsoleRolloutProgress console;
        private long started;
        private long requestsAtStart;
        private final List<Row> steps = new ArrayList<>();
        private String part;
        private long partStarted;
        private long partRequests;

        PhaseReport(PrintStream out, ScrapedTraffic traffic, RolloutRunner.Parts parts, ServiceStack stack, DemoProbe probe, List<Row> rows,
                    DemoHistory history, InflightHttpClient events) {
            this.out = out;
            this.traffic = traffic;
            this.rollout = parts;
            this.stack = stack;
            this.probe = probe;
            this.rows = rows;
            this.history = history;
            this.events = events;
            this.console = new ConsoleRolloutProgress(out);
        }

        @Override
        public void phaseStarted(Phase phase, String description) {
            probe.window(phase.name());
            started = System.nanoTime();
            requestsAtStart = traffic.allRequests();
            console.phaseStarted(phase, description);
            if (phase == Phase.SPLIT_INFLIGHT) {
                Thread.ofVirtual().name("demo-platform").start(() -> {
                    while (stack.shape() == null || !stack.shape().atLeast(RolloutShape.DEDICATED_INFLIGHT)) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    history.finishInFlight(events);
                    out.println("  the history's " + history.inFlight() + " records in flight in the legacy tables got their last events");
                });
            }
        }

        @Override
        public void note(Phase phase, String message) {
            console.note(phase, message);
            if (phase == Phase.LEGACY_BECOMES_SHARD0 && message.endsWith(" starts")) {
                // the riskiest phase gets a row per step, so the report shows where its slow requests are
                closePart(phase);
                part = message.substring(0, message.length() - " starts".length());
                partStarted = System.nanoTime();
                partRequests = traffic.allRequests();
                probe.window(phase.name() + " " + part);
            }
        }

        private void closePart(Phase phase) {
            if (part != null) {
                steps.add(row(phase.name() + " " + part, (System.nanoTime() - partStarted) / 1e9, traffic.allRequests() - partRequests,
                        rollout, stack, probe).renamed("  " + part));
                part = null;
            }
        }

        @Override
        public void phaseFinished(Phase phase, String summary) {
            closePart(phase);
            console.phaseFinished(phase, summary);
            rows.add(row(phase.name(), (System.nanoTime() - started) / 1e9, traffic.allRequests() - requestsAtStart, rollout, stack, probe));
            rows.addAll(steps);
            steps.clear();
        }
    }
}
