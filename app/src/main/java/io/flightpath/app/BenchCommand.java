package io.flightpath.app;

import io.flightpath.shadow.bench.ShadowBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Benchmarks that print figures, each beside its baseline measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: each prints its figures beside a baseline run side by side, and the ratios.",
        subcommands = {BenchCommand.Shadow.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "bench needs a subcommand: " + String.join(", ",
                spec.subcommands().keySet()));
    }

    @Command(name = "shadow", mixinStandardHelpOptions = true,
            description = "Requests straight to a backend vs through Shadow (with an experimental beside it), at 16 and 64 connections.")
    static final class Shadow implements Callable<Integer> {
        @Override
        public Integer call() {
            ShadowBench.run(System.out);
            return 0;
        }
    }
}
