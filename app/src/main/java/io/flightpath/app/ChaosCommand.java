package io.flightpath.app;

import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerStatus;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.core.FlightpathException;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The fault suite: on a cluster of its own, the services under the load generator, one fault
 * after another injected and lifted, then the load's verification. Each fault gets one line with
 * the requests that failed from its injection to the end of the pause after its recovery and how
 * long recovery took; the last line gives the verified totals. Exit 0 only when nothing was lost,
 * doubled or left in a wrong status, and no request failed during a fault whose scenario demands
 * it ({@link ChaosScenario#noFailures()}).
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Run the load, inject each fault in turn, lift it, verify. SCENARIO: ${COMPLETION-CANDIDATES}.",
                "Scenarios of one run share the way the services run: in this process (control-down, kill-control, kill-inflight,",
                "kill-shard0, split-target-lag), as one `up` process (kill-up), or as `serve` processes (kill-serve-*).",
                "Exit 0 only when no record was lost, doubled or left in a wrong status, and no request failed during a fault",
                "that demands it (control-down, kill-control, split-target-lag)."})
final class ChaosCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "1..*", converter = ChaosScenario.Converter.class,
            completionCandidates = ChaosScenario.Candidates.class, description = "The faults, in order: ${COMPLETION-CANDIDATES}.")
    List<ChaosScenario> scenarios;

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
            description = "How long control-down and split-target-lag last (default: 60s and 10s); a killed server or process is started again at once.")
    Duration fault;

    @Option(names = "--step", paramLabel = "STEP", defaultValue = "MOVE_READS",
            description = "For split-target-lag and stop-serve-postflight: the split step after which the fault begins (default ${DEFAULT-VALUE}).")
    Step step;

    @Option(names = "--after", paramLabel = "TIME", defaultValue = "10s", converter = LoadCommand.DurationConverter.class,
            description = "Load after each recovery, before the next fault or the verification (default ${DEFAULT-VALUE}).")
    Duration after;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting of the services (see the configuration table), repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--report", paramLabel = "FILE", description = "Write the result lines and the load's JSON report here.")
    Path report;

    @Option(names = "--keep", description = "Leave the suite's cluster running and its data in place at the end.")
    boolean keep;

    /** What one fault cost: requests failed in its window, time to recover, the handoff's worst lag. */
    private record Outcome(ChaosScenario scenario, long failed, double faultSeconds, Duration recovery, Duration lagDuring,
                           Duration lagAfter, int lagSamples) {
        String line() {
            return String.format(Locale.ROOT, "chaos %s: %d requests failed during the %.1f s fault and its recovery, recovered %.1f s after "
                            + "it was lifted; handoff lag at most %.1f s during the fault, %.1f s during recovery (%d samples)%s",
                    scenario.label(), failed, faultSeconds, recovery.toMillis() / 1000.0, lagDuring.toMillis() / 1000.0,
                    lagAfter.toMillis() / 1000.0, lagSamples, refused() ? " FAILED: this scenario must fail no request" : "");
        }

        boolean refused() {
            return scenario.noFailures() && failed > 0;
        }
    }

    @Override
    public Integer call() throws Exception {
        ChaosScenario.Kind.requireOneDeployment(scenarios);
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
            for (ChaosScenario scenario : scenarios) {
                Outcome outcome = inject(scenario, out, cluster, deployment, probe, lag, running, failures, token);
                out.println(outcome.line());
                outcomes.add(outcome);
            }
            stop.set(true);
            LoadReport result = running.get(5, TimeUnit.MINUTES);

            LoadReport.Records records = result.records();
            boolean passed = records.lost() == 0 && records.duplicated() == 0 && records.wrongStatus() == 0
                    && outcomes.stream().noneMatch(Outcome::refused)
                    && (result.failedRequests() == 0 || outcomes.stream().anyMatch(o -> !o.scenario().noFailures()));
            long retries = result.operations().values().stream().mapToLong(LoadReport.OperationReport::retries).sum();
            String summary = String.format(Locale.ROOT, "chaos total of %s: %s; %d requests failed in all (%d retries); %d lost, %d doubled, "
                            + "%d wrong status of %d records",
                    scenarios.stream().map(ChaosScenario::label).collect(Collectors.joining(" ")), passed ? "passed" : "FAILED",
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

    private Outcome inject(ChaosScenario scenario, PrintStream out, LocalCluster cluster, ChaosDeployment deployment, RecoveryProbe probe,
                           HandoffLag lag, CompletableFuture<LoadReport> running, AtomicLong failures, String token) throws Exception {
        Duration lasts = fault != null && scenario.defaultFault().isPositive() ? fault : scenario.defaultFault();
        long failedBefore = failures.get();
        Instant injected;
        Instant lifting;
        Duration recovery;
        if (scenario.splits()) {
            boolean stopsNode = scenario == ChaosScenario.STOP_SERVE_POSTFLIGHT;
            ChaosSplit split = stopsNode
                    ? new ChaosSplit((ProcessDeployment) deployment, cluster, token, step, Step.MOVE_WRITES)
                    : new ChaosSplit(deployment.routing(), deployment.control(), cluster, token, step, lasts);
            injected = split.awaitStalled(Duration.ofMinutes(5));
            out.printf(stopsNode
                            ? "chaos %s: split shard0 -> shard1 running; `serve postflight` stopped (SIGSTOP) after %s at %s, until writes moved%n"
                            : "chaos %s: split shard0 -> shard1 running; the target's SQL thread stopped after %s at %s; resumed in %s%n",
                    scenario.label(), step, injected, Setting.format(lasts));
            lifting = split.awaitLifted(lasts.plus(Duration.ofMinutes(1)));
            SplitRecord done = split.awaitDone(Duration.ofMinutes(10));
            recovery = Duration.between(lifting, Instant.now()); // until the split, held by the lag, finished
            out.printf("chaos %s: split %d %s %.1f s after the %s%n", scenario.label(), done.id(),
                    done.state().name().toLowerCase(Locale.ROOT), recovery.toMillis() / 1000.0, stopsNode ? "node continued" : "target resumed");
        } else {
            injected = Instant.now();
            String what = scenario.inject(cluster, deployment);
            out.printf("chaos %s: %s at %s; lifted in %s%n", scenario.label(), what, injected, Setting.format(lasts));
            pause(lasts, running);
            lifting = Instant.now();
            scenario.lift(cluster, deployment);
            recovery = probe.awaitRecovered(lifting, Duration.ofMinutes(3));
        }
        Instant recovered = Instant.now();
        pause(after, running);
        return new Outcome(scenario, failures.get() - failedBefore, Duration.between(injected, lifting).toMillis() / 1000.0, recovery,
                lag.max(injected, lifting), lag.max(lifting, recovered), lag.samples(injected, recovered));
    }

    /** The services as the scenarios need them: in this process, or as processes they can kill. */
    private ChaosDeployment deploy(Path dir, LocalCluster cluster, StoreAddresses stores, String token) {
        ChaosScenario.Kind kind = scenarios.getFirst().kind();
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
