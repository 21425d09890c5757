package io.flightpath.app;

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

    @Option(names = "--account", required = true, paramLabel = "ACxxx", description = "The account to isolate.")
    String account;

    @Option(names = "--target", required = true, paramLabel = "SHARD", description = "The new shard (shardN in a local cluster).")
    String target;

    @Override
    public Integer call() {
        io.flightpath.control.api.RoutingService routing = ShardsCommand.routing(options, null, null);
        long key = io.flightpath.core.ShardKey.of(io.flightpath.core.AccountSid.parse(account));
        String source = routing.state().write().lookup(key).shard();
        return Main.commandLine().execute("split", "--home", options.home.toString(), "--source", source,
                "--target", target, "--account", account);
    }
}
