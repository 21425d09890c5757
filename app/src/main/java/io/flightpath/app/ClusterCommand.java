package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.cluster.ServerStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Local MariaDB servers: one per store, each with its own folder, port, binlog and GTID domain. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start, inspect and stop the local MariaDB servers (control, in-flight, post-flight shards).",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Status.class, ClusterCommand.Down.class, ClusterCommand.Destroy.class, ClusterCommand.AddShard.class})
final class ClusterCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cluster needs a subcommand: up, status, down or destroy");
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start every server, creating what is missing. Safe to run again.")
    static final class Up implements Callable<Integer> {
        @Mixin
        ClusterOptions options;

        @Option(names = "--shards", paramLabel = "N",
                description = "Number of post-flight shards (default: what the cluster has, or 1). Shards are added, never removed.")
        Integer shards;

        @Override
        public Integer call() {
            LocalCluster cluster = options.cluster();
            cluster.up(options.host, options.basePort, shards);
            printStatus(cluster.status());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show each server, its address, role and whether it answers. Exit code 3 when one does not.")
    static final class Status implements Callable<Integer> {
        @Mixin
        ClusterOptions options;

        @Override
        public Integer call() {
            List<ServerStatus> all = options.cluster().status();
            if (all.isEmpty()) {
                System.out.println("no cluster in " + options.home.toAbsolutePath().normalize() + " (run `flightpath cluster up`)");
                return 3;
            }
            printStatus(all);
            return all.stream().allMatch(ServerStatus::answers) ? 0 : 3;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop every server and wait until each process is gone. Data is kept.")
    static final class Down implements Callable<Integer> {
        @Mixin
        ClusterOptions options;

        @Override
        public Integer call() {
            options.cluster().down();
            return 0;
        }
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true,
            description = "Stop every server and delete all of the cluster's data.")
    static final class Destroy implements Callable<Integer> {
        @Mixin
        ClusterOptions options;

        @Override
        public Integer call() {
            options.cluster().destroy();
            return 0;
        }
    }

    @Command(name = "add-shard", mixinStandardHelpOptions = true,
            description = "Start one more shard server in the running cluster (a split does this itself).")
    static final class AddShard implements Callable<Integer> {
        @Mixin
        ClusterOptions options;

        @Override
        public Integer call() {
            ServerSpec added = options.cluster().addShard();
            System.out.println(added.name() + " on " + added.address());
            return 0;
        }
    }

    static void printStatus(List<ServerStatus> all) {
        System.out.printf("%-10s %-9s %-22s %-8s %s%n", "SERVER", "ROLE", "ADDRESS", "PID", "STATE");
        for (ServerStatus s : all) {
            ServerSpec spec = s.spec();
            System.out.printf("%-10s %-9s %-22s %-8s %s%n", spec.name(), spec.role().word(), spec.address(),
                    s.pid().isPresent() ? Long.toString(s.pid().getAsLong()) : "-", s.state());
        }
    }
}
