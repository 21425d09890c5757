package io.flightpath.app;

import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerStatus;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.ServiceClient;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.inflight.http.InflightHttpClient;
import io.flightpath.loadgen.LoadConfig;
import io.flightpath.loadgen.LoadGenerator;
import io.flightpath.loadgen.LoadReport;
import io.flightpath.loadgen.Progress;
import io.flightpath.loadgen.ProgressLine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The fault suite: on a cluster of its own, the services under the load generator, one fault
 * after another injected and lifted, then the load's verification. Each fault gets one line with
 * the requests that failed from its injection to the end of the pause after its recovery and how
 * long recovery took (for a split scenario, also what its read-backs missed); the last line gives
 * the verified totals. Exit 0 only when nothing was lost, doubled or left in a wrong status, no
 * read-back missed a record, and no request failed during a fault whose scenario demands it
 * ({@link ChaosScenario#noFailures()}).
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        footerHeading = "%nScenarios:%n",
        description = {"Run the load, inject each fault in turn, lift it, verify (the scenarios are listed below).",
                "Scenarios of one run share the way the services run: in this process (control-down, kill-control, kill-inflight, "
                        + "kill-shard0, split-*), as one `up` process (kill-up), or as `serve` processes (kill-serve-*, stop-serve-postflight).",
                "A split scenario runs a split of the write map's widest range (its upper half, to a new shard) under the load, its fault "
                        + "after each of the steps given as SCENARIO@STEP[,STEP...] or SCENARIO@all (else --step), resumed whenever the fault "
                        + "fails it, while calls just handed off are read back by SID and in their list.",
                "Exit 0 only when no record was lost, doubled or left in a wrong status, no read missed a record, and no request failed "
                        + "during a fault that demands it (control-down, kill-control, split-target-lag, split-target-delay, split-kill-control)."})
final class ChaosCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "1..*", converter = ChaosFault.Converter.class,
            completionCandidates = ChaosScenario.Candidates.class,
            description = "The faults, in order: ${COMPLETION-CANDIDATES}; a split scenario may name its steps, SCENARIO@STEP[,STEP...] or SCENARIO@all.")
    List<ChaosFault> scenarios;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:FLIGHTPATH_HOME:-.flightpath}/chaos",
            description = "Folder of the suite's own cluster, emptied first (default ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "23600",
            description = "First port of the suite's MariaDB servers (default ${DEFAULT-VALUE}, away from `up`'s and the demo's).")
    int basePort;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "10", description = "Accounts of the load (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "20", description = "The load's calls and messages per second, each (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "10s", converter = LoadCommand.DurationConverter.class,
            description = "Load before the first fault (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--fault", paramLabel = "TIME", converter = LoadCommand.DurationConverter.class,
            description = "How long control-down lasts (default 60s), split-target-lag and split-target-delay after each step "
                    + "(default 10s; the delay is half of it), and a split-kill-* server is down after each step (default 2s); "
                    + "any other killed server or process is started again at once.")
    Duration fault;

    @Option(names = "--step", paramLabel = "STEP[,STEP...]|all",
            description = "For a split scenario without steps of its own: the split steps after which its fault comes (default: all it can "
                    + "follow, CLONE_TARGET to MOVE_WRITES for a lag, every step for a kill; MOVE_READS for stop-serve-postflight).")
    String step;

    @Option(names = "--after", paramLabel = "TIME", defaultValue = "10s", converter = LoadCommand.DurationConverter.class,
            description = "Load after each recovery, before the next fault or the verification (default ${DEFAULT-VALUE}).")
    Duration after;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting of the services (see the configuration table), repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--report", paramLabel = "FILE", description = "Write the result lines and the load's JSON report here.")
    Path report;

    @Option(names = "--keep", description = "Leave the suite's cluster running and its data in place at the end.")
    boolean keep;

    /**
     * What one fault cost: requests failed in its window, time to recover, the handoff's worst lag,
     * and for a split what its read-backs saw (null otherwise).
     */
    private record Outcome(ChaosFault fault, long failed, double faultSeconds, Duration recovery, Duration lagDuring,
                           Duration lagAfter, int lagSamples, ReadBackProbe.Result reads, long readsLost) {
        String line() {
            String readBack = reads == null ? "" : String.format(Locale.ROOT, "; %d of %d reads of %d calls just handed off missed one "
                            + "(%d fetches 404, %d lists without it)%s, %d failed%s, %d calls lost", reads.missed(), reads.reads(), reads.records(),
                    reads.notFound(), reads.unlisted(), reads.firstMiss() == null ? "" : " (first: " + reads.firstMiss() + ")", reads.failed(),
                    reads.firstFailure() == null ? "" : " (first: " + reads.firstFailure() + ")", readsLost);
            return String.format(Locale.ROOT, "chaos %s: %d requests failed during the %.1f s fault and its recovery, recovered %.1f s after "
                            + "it was lifted; handoff lag at most %.1f s during the fault, %.1f s during recovery (%d samples)%s%s",
                    fault.text(), failed, faultSeconds, recovery.toMillis() / 1000.0, lagDuring.toMillis() / 1000.0,
                    lagAfter.toMillis() / 1000.0, lagSamples, readBack, refusal());
        }

        private String refusal() {
            if (reads != null && (reads.missed() > 0 || readsLost > 0)) {
                return " FAILED: a read missed a record";
            }
            return fault.scenario().noFailures() && failed > 0 ? " FAILED: this scenario must fail no request" : "";
        }

        boolean refused() {
            return !refusal().isEmpty();
        }
    }

    /** The scenarios, one a line, below the options. */
    @Spec
    void spec(CommandSpec spec) {
        spec.usageMessage().footer(ChaosScenario.help());
    }

    /** How often a split scenario's read-back probe makes a record. */
    private static final Duration READ_BACK_EVERY = Duration.ofMillis(500);

    @Override
    public Integer call() throws Exception {
        ChaosScenario.Kind.requireOneDeployment(scenarios.stream().map(ChaosFault::scenario).toList());
        scenarios.forEach(f -> f.stepsOr(step)); // a step a scenario cannot follow is refused before anything starts
        PrintStream out = System.out;
        Path dir = home.toAbsolutePath().normalize();
        LocalCluster cluster = new LocalCluster(dir, line -> { });
        cluster.destroy();
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
        String token = LocalSecrets.internalToken(dir);
        StoreAddresses stores = StoreAddresses.of(cluster, 16);
        try (ChaosDeployment deployment = deploy(dir, cluster, stores, token);
             HandoffLag lag = new HandoffLag(stores.inflight())) {
            AccountCredentials probeAccount = deployment.accounts().create("chaos probe");
            RecoveryProbe probe = new RecoveryProbe(deployment.api(), probeAccount, deployment.routing());
            LoadConfig load = LoadConfig.builder(deployment.api(), deployment.events(), deployment.control(), token)
                    .accounts(accounts).callsPerSecond(rate).messagesPerSecond(rate).duration(Duration.ofHours(2))
                    .verifyTimeout(Duration.ofMinutes(2)).build();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong failures = new AtomicLong();
            CompletableFuture<LoadReport> running = CompletableFuture.supplyAsync(() -> LoadGenerator.create().run(load, new Progress() {
                @Override
                public void update(ProgressLine line) {
                    failures.set(line.errors()); // requests that failed after the load's retries, so far
                }

                @Override
                public void note(String text) {
                    out.println("chaos: load: " + text);
                }
            }, stop::get), task -> Thread.ofPlatform().name("chaos-load").start(task));

            out.printf("chaos: load at %.0f calls/s and %.0f messages/s over %d accounts; first fault in %s%n", rate, rate, accounts,
                    Setting.format(warmup));
            pause(warmup, running);
            List<Outcome> outcomes = new ArrayList<>();
            InflightService events = new InflightHttpClient(new ServiceClient("inflight", deployment.events(), token, Duration.ofSeconds(30)));
            for (ChaosFault scenario : scenarios) {
                Outcome outcome = inject(scenario, out, cluster, deployment, probe, lag, running, failures, token, events);
                out.println(outcome.line());
                outcomes.add(outcome);
            }
            stop.set(true);
            LoadReport result = running.get(5, TimeUnit.MINUTES);

            LoadReport.Records records = result.records();
            boolean passed = records.lost() == 0 && records.duplicated() == 0 && records.wrongStatus() == 0
                    && outcomes.stream().noneMatch(Outcome::refused)
                    && (result.failedRequests() == 0 || outcomes.stream().anyMatch(o -> !o.fault().scenario().noFailures()));
            long retries = result.operations().values().stream().mapToLong(LoadReport.OperationReport::retries).sum();
            String summary = String.format(Locale.ROOT, "chaos total of %s: %s; %d requests failed in all (%d retries); %d lost, %d doubled, "
                            + "%d wrong status of %d records",
                    scenarios.stream().map(ChaosFault::text).collect(Collectors.joining(" ")), passed ? "passed" : "FAILED",
                    result.failedRequests(), retries, records.lost(), records.duplicated(), records.wrongStatus(),
                    records.callsCreated() + records.messagesCreated());
            out.println(summary);
            if (report != null) {
                StringBuilder text = new StringBuilder();
                outcomes.forEach(o -> text.append(o.line()).append('\n'));
                text.append(summary).append('\n').append(result.toJson()).append('\n');
                Files.writeString(report, text);
            }
            return passed ? 0 : 1;
        }
    }

    /** When a fault began, when it was lifted (the last one, for a split), how long recovery took, and a split's read-backs. */
    private record Window(Instant injected, Instant lifting, Duration recovery, ReadBackProbe.Result reads, long readsLost) {
    }

    private Outcome inject(ChaosFault given, PrintStream out, LocalCluster cluster, ChaosDeployment deployment, RecoveryProbe probe,
                           HandoffLag lag, CompletableFuture<LoadReport> running, AtomicLong failures, String token, InflightService events)
            throws Exception {
        ChaosScenario scenario = given.scenario();
        Duration lasts = fault != null && scenario.defaultFault().isPositive() ? fault : scenario.defaultFault();
        long failedBefore = failures.get();
        Window w;
        if (scenario.splits()) {
            w = splitUnder(given, lasts, out, cluster, deployment, probe, token, events);
        } else {
            Instant injected = Instant.now();
            String what = scenario.inject(cluster, deployment);
            out.printf("chaos %s: %s at %s; lifted in %s%n", scenario.label(), what, injected, Setting.format(lasts));
            pause(lasts, running);
            Instant lifting = Instant.now();
            scenario.lift(cluster, deployment);
            w = new Window(injected, lifting, probe.awaitRecovered(lifting, Duration.ofMinutes(3)), null, 0);
        }
        Instant recovered = Instant.now();
        pause(after, running);
        return new Outcome(given, failures.get() - failedBefore, Duration.between(w.injected(), w.lifting()).toMillis() / 1000.0, w.recovery(),
                lag.max(w.injected(), w.lifting()), lag.max(w.lifting(), recovered), lag.samples(w.injected(), recovered), w.reads(), w.readsLost());
    }

    /**
     * A split scenario: the next split, its fault after each of its steps, calls of the moving
     * range read back all along; recovery is the time from the last fault's lift until the split
     * ended and Flightpath is whole ({@link RecoveryProbe}).
     */
    private Window splitUnder(ChaosFault given, Duration lasts, PrintStream out, LocalCluster cluster, ChaosDeployment deployment,
                              RecoveryProbe probe, String token, InflightService events) throws Exception {
        ChaosSplit split = new ChaosSplit(deployment.routing(), deployment.control(), cluster, token,
                text -> out.println("chaos " + given.text() + ": " + text));
        ChaosSplit.Plan plan = split.plan();
        List<Step> steps = given.stepsOr(step);
        Injections log = new Injections(out, given.text());
        SplitFault splitFault = given.scenario().splitFault(new SplitFault.Context(cluster, deployment, split.shards(), plan, steps, lasts, log));
        ReadBackProbe readBack = new ReadBackProbe(deployment.api(), events,
                ReadBackProbe.accountsIn(deployment.accounts(), plan.range(), 2), READ_BACK_EVERY);
        out.printf("chaos %s: split %s under the load, the fault after %s%n", given.text(), plan.describe(), steps);
        Instant started = Instant.now();
        ChaosSplit.Finished done;
        Instant injected;
        Instant lifting;
        Duration recovery;
        try (readBack) {
            done = split.run(plan, splitFault);
            splitFault.awaitLifted(Duration.ofMinutes(2)); // a server killed last may come back after the split ended
            injected = log.first().orElse(started);
            lifting = log.lastLifted().orElse(injected);
            // whole: the split ended, the API answers and a node acknowledged since (not the read-backs' last reads)
            recovery = probe.awaitRecovered(lifting, Duration.ofMinutes(3));
        }
        out.printf(Locale.ROOT, "chaos %s: split %d %s, %d resumes; whole again %.1f s after the last fault was lifted%n", given.text(),
                done.split().id(), done.split().state().name().toLowerCase(Locale.ROOT), done.resumes(), recovery.toMillis() / 1000.0);
        return new Window(injected, lifting, recovery, readBack.result(), readBack.lost());
    }

    /** The services as the scenarios need them: in this process, or as processes they can kill. */
    private ChaosDeployment deploy(Path dir, LocalCluster cluster, StoreAddresses stores, String token) {
        ChaosScenario.Kind kind = scenarios.getFirst().scenario().kind();
        if (kind == ChaosScenario.Kind.UP_PROCESS || kind == ChaosScenario.Kind.SERVE_PROCESS) {
            return new ProcessDeployment(dir, kind == ChaosScenario.Kind.UP_PROCESS, stores, Map.of(
                    "control", cluster.credentials(DbAccount.CONTROL), "inflight", cluster.credentials(DbAccount.INFLIGHT),
                    "postflight", cluster.credentials(DbAccount.POSTFLIGHT)), token, set);
        }
        Map<String, String> values = new LinkedHashMap<>(Map.of("api.listen", "127.0.0.1:0", "control.listen", "127.0.0.1:0",
                "inflight.listen", "127.0.0.1:0", "postflight.listen", "127.0.0.1:0", "billing.listen", "127.0.0.1:0"));
        values.putAll(set);
        return new EmbeddedDeployment(ServiceStack.embedded(stores, Settings.of(values), token, Clock.systemUTC()));
    }

    /** Waits {@code time} while the load runs; a load that ended early is a failure of the suite itself. */
    private static void pause(Duration time, CompletableFuture<LoadReport> load) throws Exception {
        try {
            LoadReport early = load.get(time.toMillis(), TimeUnit.MILLISECONDS);
            throw FlightpathException.internal("the load ended early: %s", early.toJson());
        } catch (java.util.concurrent.TimeoutException expected) {
            // the load runs on
        }
    }

    /** The servers of the suite's cluster, by name ("control", "inflight", "shard0"). */
    static ServerStatus server(LocalCluster cluster, String name) {
        return cluster.status().stream().filter(s -> s.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> FlightpathException.invalid("the cluster has no server named %s", name));
    }
}
