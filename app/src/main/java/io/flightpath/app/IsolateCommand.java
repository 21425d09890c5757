package io.flightpath.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Moves one account's key alone to a new shard: a split of a range of size 1. */
@Command(name = "isolate", mixinStandardHelpOptions = true,
        description = "Move one (large) account to a shard of its own, online: a split of the range holding only its key.")
final class IsolateCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions options;

    @Mixin
    ControlOptions remote;

    @Option(names = "--account", required = true, paramLabel = "ACxxx", description = "The account to isolate.")
    String account;

    @Option(names = "--target", required = true, paramLabel = "SHARD", description = "The new shard (shardN in a local cluster).")
    String target;

    @Override
    public Integer call() {
        io.flightpath.control.api.RoutingService routing = remote.routing(options.home.toAbsolutePath().normalize());
        long key = io.flightpath.core.ShardKey.of(io.flightpath.core.AccountSid.parse(account));
        String source = routing.state().write().lookup(key).shard();
        List<String> args = new ArrayList<>(List.of("split", "--home", options.home.toString(), "--source", source,
                "--target", target, "--account", account));
        if (remote.control != null) {
            args.addAll(List.of("--control", remote.control.toString()));
        }
        if (remote.token != null) {
            args.addAll(List.of("--token", remote.token));
        }
        return Main.commandLine().execute(args.toArray(String[]::new));
    }
}
