package io.flightpath.app;

import io.flightpath.bench.BenchOptions;
import io.flightpath.bench.CapacityBench;
import io.flightpath.bench.CapacityCheck;
import io.flightpath.bench.capacity.CapacityFigures;
import io.flightpath.bench.FlagsBench;
import io.flightpath.bench.PipelineBench;
import io.flightpath.bench.RekeyBench;
import io.flightpath.bench.RouterBench;
import io.flightpath.bench.SplitBench;
import io.flightpath.bench.ShadowApiBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Benchmarks that print figures, each beside its baseline measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: each prints its figures beside a baseline run side by side, and the ratios.",
        subcommands = {BenchCommand.Pipeline.class, BenchCommand.Router.class, BenchCommand.Split.class, BenchCommand.Rekey.class,
                BenchCommand.Shadow.class, BenchCommand.Flags.class, BenchCommand.Capacity.class, BenchCommand.Console.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "bench needs a subcommand: " + String.join(", ",
                spec.subcommands().keySet()));
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = "Full call lifecycles through the services beside plain JDBC batches doing the same database work, "
                    + "and event ingestion latency at half the sustained rate.")
    static final class Pipeline implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--handoff-workers", paramLabel = "N",
                description = "Workers of the services' handoff relay (default ${DEFAULT-VALUE}, as `handoff.workers`).")
        int handoffWorkers = BenchOptions.DEFAULTS.handoffWorkers();

        @Override
        public Integer call() throws InterruptedException {
            new PipelineBench().run(System.out, BenchOptions.DEFAULTS.withHandoffWorkers(handoffWorkers));
            return 0;
        }
    }

    @Command(name = "router", mixinStandardHelpOptions = true,
            description = "Point reads, account pages and inserts through the shard router beside plain JDBC that picks the shard itself.")
    static final class Router implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            new RouterBench().run(System.out, RouterBench.Options.defaults());
            return 0;
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = "A split of a seeded shard under a steady load: time per step, load latency before and during, "
                    + "failed requests, and the copy rate beside mariadb-dump | mariadb.")
    static final class Split implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
                description = "Post-flight rows to seed before the split (default ${DEFAULT-VALUE}).")
        long rows;

        @Override
        public Integer call() throws Exception {
            new SplitBench().run(System.out, SplitBench.Options.defaults().withRows(rows));
            return 0;
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true,
            description = "The web console's account pages for one account with many post-flight records: p50, p99 and max per page.")
    static final class Console implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--records", paramLabel = "N", defaultValue = "100000",
                description = "Records of the account, half calls and half messages (default ${DEFAULT-VALUE}).")
        long records;

        @Override
        public Integer call() {
            io.flightpath.bench.ConsoleBench.run(System.out, EmbeddedStack::start, records);
            return 0;
        }
    }

    @Command(name = "rekey", mixinStandardHelpOptions = true,
            description = "The legacy database becoming post-flight shard0 online under a steady load through the legacy path: "
                    + "time per step, load latency before and during, failed requests.")
    static final class Rekey implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
                description = "Legacy rows to seed before the migration (default ${DEFAULT-VALUE}).")
        long rows;

        @Override
        public Integer call() {
            new RekeyBench().run(System.out, rows);
            return 0;
        }
    }

    @Command(name = "shadow", mixinStandardHelpOptions = true,
            description = "Requests straight to a backend vs through Shadow (with an experimental beside it) and nginx's mirror and plain proxy, "
                    + "at 16 and 64 connections, for a trivial JSON responder and for the Flightpath API, with each proxy's CPU time per request.")
    static final class Shadow implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--tools", paramLabel = "DIR", defaultValue = "${env:FLIGHTPATH_HOME:-.flightpath}/tools",
                description = "Where an nginx fetched for the comparison is kept when the machine has none (default ${DEFAULT-VALUE}).")
        Path tools;

        @Override
        public Integer call() {
            ShadowApiBench.run(System.out, EmbeddedStack::start, tools);
            return 0;
        }
    }

    @Command(name = "flags", mixinStandardHelpOptions = true,
            description = "Account flags: change -> last node's acknowledgement with 3 nodes and the default settings (p50, p99, max), "
                    + "and one evaluation through the OpenFeature client, Flightpath's provider beside the SDK's InMemoryProvider.")
    static final class Flags implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--changes", paramLabel = "N", defaultValue = "200",
                description = "Changes to time (default ${DEFAULT-VALUE}).")
        int changes;

        @Override
        public Integer call() throws InterruptedException {
            new FlagsBench().run(System.out, FlagsBench.Options.defaults().withChanges(changes));
            return 0;
        }
    }

    @Command(name = "capacity", mixinStandardHelpOptions = true,
            description = {"The capacity model's per-shard figures measured on one shard of this machine: records inserted, point reads "
                    + "and pages a second, bytes a record takes. The split's and the in-flight store's figures are kept from the base file.",
                    "With --out, writes a figures file that `flightpath plan --figures FILE` reads."})
    static final class Capacity implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--records", paramLabel = "N", defaultValue = "400000",
                description = "Calls and messages to insert (default ${DEFAULT-VALUE}).")
        int records;

        @picocli.CommandLine.Option(names = "--base", paramLabel = "FILE", defaultValue = PlanCommand.DEFAULT_FIGURES,
                description = "Figures whose split, in-flight, storage and utilisation values are kept (default ${DEFAULT-VALUE}).")
        Path base;

        @picocli.CommandLine.Option(names = "--out", paramLabel = "FILE", description = "Write the figures here.")
        Path out;

        @picocli.CommandLine.Option(names = "--check", description = "Instead: the model of the base figures against this machine, "
                + "side by side (insert rates on 1, 2 and 4 shards, one split's time).")
        boolean check;

        @Override
        public Integer call() {
            CapacityFigures kept = CapacityFigures.read(base);
            if (check) {
                new CapacityCheck().run(System.out, kept, CapacityCheck.Options.defaults());
                return 0;
            }
            CapacityBench.Options defaults = CapacityBench.Options.defaults();
            CapacityFigures measured = new CapacityBench().run(System.out, new CapacityBench.Options(records, defaults.accounts(),
                    defaults.clients(), defaults.each()), kept);
            if (out != null) {
                CapacityBench.write(measured, out);
                System.out.println("figures written to " + out);
            }
            return 0;
        }
    }
}
