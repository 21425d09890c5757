package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerStatus;
import io.flightpath.control.api.AccountCredentials;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The fault suite: on a cluster of its own, every service in this process under the load
 * generator, one fault injected and lifted, then the load's verification and one line with the
 * requests that failed during the fault and how long recovery took. Exit 0 only when the load
 * passed: no failed request, nothing lost, doubled or left in a wrong status.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Run the load, inject one fault, lift it, verify: SCENARIO is one of ${COMPLETION-CANDIDATES}.",
                "Exit 0 only when no request failed and no record was lost, doubled or left in a wrong status."})
final class ChaosCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", converter = ChaosScenario.Converter.class, completionCandidates = ChaosScenario.Candidates.class,
            description = "The fault: ${COMPLETION-CANDIDATES}.")
    ChaosScenario scenario;

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
            description = "Load before the fault (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--fault", paramLabel = "TIME", converter = LoadCommand.DurationConverter.class,
            description = "How long the fault lasts (default: the scenario's, 60s for control-down, 0s for a kill).")
    Duration fault;

    @Option(names = "--after", paramLabel = "TIME", defaultValue = "10s", converter = LoadCommand.DurationConverter.class,
            description = "Load after recovery, before the verification (default ${DEFAULT-VALUE}).")
    Duration after;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting of the services (see the configuration table), repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--report", paramLabel = "FILE", description = "Write the summary line and the load's JSON report here.")
    Path report;

    @Option(names = "--keep", description = "Leave the suite's cluster running and its data in place at the end.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
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
        Map<String, String> values = new LinkedHashMap<>(Map.of("api.listen", "127.0.0.1:0", "control.listen", "127.0.0.1:0",
                "inflight.listen", "127.0.0.1:0", "postflight.listen", "127.0.0.1:0", "billing.listen", "127.0.0.1:0"));
        values.putAll(set);
        String token = LocalSecrets.internalToken(dir);
        try (ServiceStack stack = ServiceStack.embedded(StoreAddresses.of(cluster, 16), Settings.of(values), token, Clock.systemUTC())) {
            AccountCredentials probeAccount = stack.accounts().create("chaos probe");
            RecoveryProbe probe = new RecoveryProbe(stack.uri(Service.API), probeAccount, stack.routingService());
            LoadConfig load = LoadConfig.builder(stack.uri(Service.API), stack.uri(Service.INFLIGHT), stack.uri(Service.CONTROL), token)
                    .accounts(accounts).callsPerSecond(rate).messagesPerSecond(rate).duration(Duration.ofHours(2))
                    .verifyTimeout(Duration.ofMinutes(2)).build();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<LoadReport> running = CompletableFuture.supplyAsync(() -> LoadGenerator.create().run(load, new Progress() {
                @Override
                public void update(ProgressLine line) {
                    // the figures that matter come with the report
                }

                @Override
                public void note(String text) {
                    out.println("chaos: load: " + text);
                }
            }, stop::get), task -> Thread.ofPlatform().name("chaos-load").start(task));

            out.printf("chaos %s: load at %.0f calls/s and %.0f messages/s over %d accounts; fault in %s%n", scenario.label(), rate, rate,
                    accounts, Setting.format(warmup));
            pause(warmup, running);
            Duration lasts = fault != null ? fault : scenario.defaultFault();
            Instant injected = Instant.now();
            String what = scenario.inject(cluster);
            out.printf("chaos %s: %s at %s; lifted in %s%n", scenario.label(), what, injected, Setting.format(lasts));
            pause(lasts, running);
            Instant lifting = Instant.now();
            scenario.lift(cluster);
            Duration recovery = probe.awaitRecovered(lifting, Duration.ofMinutes(3));
            double faultSeconds = Duration.between(injected, lifting).toMillis() / 1000.0;
            out.printf("chaos %s: lifted after %.1f s; recovered %.1f s later%n", scenario.label(), faultSeconds, recovery.toMillis() / 1000.0);
            pause(after, running);
            stop.set(true);
            LoadReport result = running.get(5, TimeUnit.MINUTES);

            long errors = result.operations().values().stream().mapToLong(LoadReport.OperationReport::errors).sum();
            String summary = String.format(Locale.ROOT, "chaos %s: %s; %d requests failed during the %.1f s fault (%d errors retried), "
                            + "recovered %.1f s after it was lifted; %d lost, %d doubled, %d wrong status of %d records",
                    scenario.label(), result.passed() ? "passed" : "FAILED", result.failedRequests(), faultSeconds, errors,
                    recovery.toMillis() / 1000.0, result.records().lost(), result.records().duplicated(), result.records().wrongStatus(),
                    result.records().callsCreated() + result.records().messagesCreated());
            out.println(summary);
            if (report != null) {
                Files.writeString(report, summary + "\n" + result.toJson() + "\n");
            }
            return result.passed() ? 0 : 1;
        }
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
