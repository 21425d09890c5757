package io.flightpath.app;

import io.flightpath.cluster.hosts.NetworkHosts;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flightpath many-hosts}: the many-host run ({@link ManyHosts}) with its report; exit 0 only when it passed. */
@Command(name = "many-hosts", mixinStandardHelpOptions = true,
        description = {"Run Flightpath as a deployment of separate hosts (network namespaces: every MariaDB server and every service on its own, "
                + "`serve` from a settings file per host), the load across both API nodes, a split onto a new host with a post-flight node "
                + "cut off meanwhile, then the in-flight node cut off for a few seconds; report. Needs root and iproute2.",
                "Exit 0 only when the load lost, doubled and failed nothing, the split finished and the cut node caught up."})
final class ManyHostsCommand implements Callable<Integer> {
    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:FLIGHTPATH_HOME:-.flightpath}/many-hosts",
            description = "Folder of the run's cluster, settings files and logs (default ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "90s", converter = LoadCommand.DurationConverter.class,
            description = "How long the load runs (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "20", description = "The load's calls and messages per second, each (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "10", description = "The load's accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Override
    public Integer call() throws Exception {
        NetworkHosts.unavailable().ifPresent(why -> {
            throw new IllegalArgumentException("cannot make hosts here: " + why);
        });
        ManyHosts.Result r = new ManyHosts(new ManyHosts.Options(home, duration, rate, accounts, Duration.ofSeconds(7)), System.out).run();
        return report(System.out, r) ? 0 : 1;
    }

    static boolean report(PrintStream out, ManyHosts.Result r) {
        out.println();
        out.println("Flightpath on many hosts");
        out.printf("load                 %,d records created; %,d failed requests, %,d lost, %,d doubled, %,d wrong status%n", r.created(),
                r.failedRequests(), r.lost(), r.duplicated(), r.wrongStatus());
        out.printf("split shard0>shard1  %s in %.1f s; post1 off the network for the last %.1f s of it%n",
                r.split().state().name().toLowerCase(java.util.Locale.ROOT), r.splitTook().toMillis() / 1e3, r.waitedForCutNode().toMillis() / 1e3);
        r.firstErrors().forEach(e -> out.println("  first failure, " + e));
        r.notes().forEach(n -> out.println("  waited: " + n));
        out.println("post1 back           " + (r.cutNodeCaughtUp() ? "acknowledged the current maps" : "did NOT acknowledge the current maps"));
        out.println(r.passed() ? "many hosts passed" : "many hosts FAILED");
        return r.passed();
    }
}
