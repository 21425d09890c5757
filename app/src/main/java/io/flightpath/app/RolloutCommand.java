package io.flightpath.app;

import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RolloutRecord.Phase;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.http.FlagHttpClient;
import io.flightpath.control.http.RolloutRegistryHttpClient;
import io.flightpath.control.http.SplitRegistryHttpClient;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.Json;
import io.flightpath.legacy.LegacyRecords;
import io.flightpath.rollout.RolloutRunner;
import io.flightpath.rollout.RolloutSettings;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The rollout from the legacy shape to the services and the sharded post-flight store, phase by phase, persisted in the control store. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = {"Walk a Flightpath started with `up --legacy` to the after shape under live traffic:",
                "services in front, Shadow compare, flip accounts, split in-flight, legacy becomes shard0, shard.",
                "Saved after every phase: `resume` goes on after a stop, `abort` returns to the legacy shape before the point of no return."},
        subcommands = {RolloutCommand.Run.class, RolloutCommand.Status.class, RolloutCommand.Resume.class, RolloutCommand.Abort.class})
final class RolloutCommand {

    /** Where the rollout works and how it walks: shared by every subcommand. */
    static final class Options {
        @Mixin
        ClusterOptions cluster;

        @Mixin
        ControlOptions remote;

        @Option(names = "--shadow-min", paramLabel = "N", defaultValue = "200",
                description = "Compared requests per endpoint the Shadow gate needs (default ${DEFAULT-VALUE}).")
        int shadowMin;

        @Option(names = "--shadow-timeout", paramLabel = "TIME", defaultValue = "10m", converter = LoadCommand.DurationConverter.class,
                description = "How long SHADOW_COMPARE waits for its comparisons (default ${DEFAULT-VALUE}).")
        Duration shadowTimeout;

        @Option(names = "--flip-steps", paramLabel = "P,P,…", split = ",", defaultValue = "1,10,50,100",
                description = "The services-path percentages FLIP_ACCOUNTS rises through (default ${DEFAULT-VALUE}).")
        List<Integer> flipSteps;

        @Option(names = "--watch", paramLabel = "TIME", defaultValue = "30s", converter = LoadCommand.DurationConverter.class,
                description = "How long each flip step watches the flipped accounts' error rate (default ${DEFAULT-VALUE}).")
        Duration watch;

        @Option(names = "--max-error-rate", paramLabel = "SHARE", defaultValue = "0.01",
                description = "Share of the flipped accounts' requests that may fail in a watch before the step is rolled back (default ${DEFAULT-VALUE}).")
        double maxErrorRate;

        @Option(names = "--drain-timeout", paramLabel = "TIME", defaultValue = "30m", converter = LoadCommand.DurationConverter.class,
                description = "How long SPLIT_INFLIGHT waits for the legacy in-flight records to finish (default ${DEFAULT-VALUE}).")
        Duration drainTimeout;

        @Option(names = "--shards", paramLabel = "N", defaultValue = "4", description = "Shards SHARD ends with, a power of two (default ${DEFAULT-VALUE}).")
        int shards;

        @Option(names = "--no-isolate", description = "Do not move the account with most records to a shard of its own.")
        boolean noIsolate;

        RolloutSettings settings() {
            RolloutSettings d = RolloutSettings.defaults();
            return new RolloutSettings(shadowMin, shadowTimeout, flipSteps, watch, maxErrorRate, d.ackTimeout(), drainTimeout, shards,
                    !noIsolate, d.heartbeat(), d.staleClaim(), d.rekey(), d.split());
        }

        Path home() {
            return cluster.home.toAbsolutePath().normalize();
        }

        /** The rollout's parts, from the Flightpath `up --legacy` runs from this cluster folder. */
        Parts parts() {
            Path home = home();
            Endpoints endpoints = Endpoints.read(home).orElseThrow(() -> FlightpathException.failedPrecondition(
                    "no running Flightpath found in %s: start it with `./flightpath up --legacy`", home));
            if (endpoints.shadow() == null) {
                throw FlightpathException.failedPrecondition("the Flightpath running from %s is not in the legacy shape (start it with `up --legacy`)", home);
            }
            return RolloutCommand.parts(cluster.cluster(), remote.client(home, Duration.ofSeconds(30)), endpoints);
        }

        RolloutRunner runner(RolloutRunner.Parts parts) {
            return new RolloutRunner(parts, settings(), new ConsoleRolloutProgress(System.err), Clock.systemUTC(),
                    "rollout-cli-" + ProcessHandle.current().pid(), RolloutRunner.PhaseHook.NONE);
        }
    }

    /**
     * The rollout's parts for the Flightpath `up --legacy` runs on {@code local}: the control service
     * over its admin API, the legacy database (opened here, closed with the parts), new shards as
     * servers of the local cluster, Shadow's report and the API's metrics where `endpoints` says.
     */
    static Parts parts(LocalCluster local, io.flightpath.http.ServiceClient control, Endpoints endpoints) {
        RoutingService routing = new io.flightpath.control.http.RoutingHttpClient(control);
        DbCredentials login = local.credentials(DbAccount.SPLIT);
        Database legacy = Database.open("legacy", StoreAddresses.of(local, 4).legacy(), LegacyRecords.MIGRATIONS);
        ShardDirectory shards = new ShardDirectory(routing, new LocalShardProvisioner(local, StoreAddresses.LEGACY_DB), login.user(), login.password());
        return new Parts(new RolloutRunner.Parts(new RolloutRegistryHttpClient(control), new FlagHttpClient(control), routing,
                new SplitRegistryHttpClient(control), shards, legacy, new HttpShadowView(endpoints.shadow()), new ScrapedTraffic(endpoints.api())),
                legacy);
    }

    /** The parts and the legacy database's pool, closed with them. */
    record Parts(RolloutRunner.Parts parts, Database legacy) implements AutoCloseable {
        @Override
        public void close() {
            legacy.close();
        }
    }

    static void report(RolloutRecord r) {
        System.out.println("rollout " + r.id() + ": " + r.state().name().toLowerCase(java.util.Locale.ROOT) + ", next phase " + r.phase().numbered()
                + (r.phase().abortable() ? "" : " (past the point of no return)"));
        if (r.lastError() != null) {
            System.out.println("  error: " + r.lastError());
        }
        r.outputs().forEach((k, v) -> System.out.println("  " + k + " = " + v));
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Start the rollout (or go on with the unfinished one) and walk it to the end.")
    static final class Run implements Callable<Integer> {
        @Mixin
        Options options;

        @Option(names = "--until", paramLabel = "PHASE", description = "Stop after this phase (one of ${COMPLETION-CANDIDATES}).")
        Phase until;

        @Option(names = "--dry-run", description = "Print the phases the rollout would run; run none and save nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            try (Parts p = options.parts()) {
                RolloutRunner runner = options.runner(p.parts());
                Optional<RolloutRecord> open = p.parts().registry().list(20).stream().filter(r -> !r.state().finished()).findFirst();
                if (dryRun) {
                    runner.describe(open).forEach(System.out::println);
                    return 0;
                }
                RolloutRecord rollout = open.orElseGet(runner::plan);
                RolloutRecord done = runner.run(rollout.id(), until == null ? Phase.DONE : until);
                report(done);
                return 0;
            }
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Go on with the unfinished rollout from the phase it stopped in.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        Options options;

        @Option(names = "--until", paramLabel = "PHASE", description = "Stop after this phase.")
        Phase until;

        @Override
        public Integer call() {
            try (Parts p = options.parts()) {
                RolloutRunner runner = options.runner(p.parts());
                report(runner.run(runner.unfinished().id(), until == null ? Phase.DONE : until));
                return 0;
            }
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Return to the legacy shape (every account on the legacy path); refused from the point of no return on.")
    static final class Abort implements Callable<Integer> {
        @Mixin
        Options options;

        @Override
        public Integer call() {
            try (Parts p = options.parts()) {
                RolloutRunner runner = options.runner(p.parts());
                report(runner.abort(runner.unfinished().id()));
                return 0;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The newest rollout: its phase, state and what each phase recorded.")
    static final class Status implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Mixin
        ControlOptions remote;

        @Option(names = "--json", description = "As JSON, as the admin API's GET /v1/rollouts gives it.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path home = cluster.home.toAbsolutePath().normalize();
            List<RolloutRecord> all = new RolloutRegistryHttpClient(remote.client(home, Duration.ofSeconds(10))).list(1);
            if (all.isEmpty()) {
                throw FlightpathException.notFound("no rollout yet; `flightpath rollout run` starts one");
            }
            if (json) {
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(all.getFirst()));
            } else {
                report(all.getFirst());
            }
            return 0;
        }
    }
}
