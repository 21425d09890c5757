package io.flightpath.app;

import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.control.http.SplitRegistryHttpClient;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.split.workflow.SplitAbort;
import io.flightpath.split.workflow.SplitRunner;
import io.flightpath.split.workflow.SplitSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The online split of a post-flight shard, run step by step from the control store's record of it. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Move a key range of a post-flight shard to a new shard while traffic flows:",
                "clone, catch up, verify, move reads, odd/even ids, move writes, cut, delete, rebuild, verify.",
                "The workflow is saved after every step: --resume finishes a run that stopped, --abort rolls back before writes move."})
final class SplitCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions options;

    @Option(names = "--source", paramLabel = "SHARD", description = "The shard that gives the range away.")
    String source;

    @Option(names = "--target", paramLabel = "SHARD", description = "The new shard (shardN: a new server of the local cluster, unless --target-address names one).")
    String target;

    @Option(names = "--target-address", paramLabel = "HOST:PORT",
            description = "An empty MariaDB server already running for the new shard (on a host of its own); its database is created.")
    String targetAddress;

    @ArgGroup(exclusive = true)
    Which which;

    static final class Which {
        @Option(names = "--range", paramLabel = "START-END", description = "The key range to move, in hex, e.g. 8000000000000000-ffffffffffffffff.")
        String range;

        @Option(names = "--at", paramLabel = "HASH", description = "Move the source's keys from HASH (hex) to the end of its range containing it.")
        String at;

        @Option(names = "--account", paramLabel = "ACxxx", description = "Move one account's key alone (a range of size 1), as `isolate` does.")
        String account;
    }

    @Option(names = "--resume", paramLabel = "ID", arity = "0..1", fallbackValue = "-1",
            description = "Resume a split that stopped (default: the source's unfinished one, or the newest).")
    Long resume;

    @Option(names = "--abort", paramLabel = "ID", arity = "0..1", fallbackValue = "-1",
            description = "Roll back a split whose writes have not moved yet.")
    Long abort;

    @Option(names = "--dry-run", description = "Print the steps the split would run; run none and save nothing.")
    boolean dryRun;

    @Option(names = "--max-lag", paramLabel = "TIME", defaultValue = "1s", converter = LoadCommand.DurationConverter.class,
            description = "Replication lag every step waits under (default ${DEFAULT-VALUE}).")
    Duration maxLag;

    @Option(names = "--nice-ratio", paramLabel = "R", defaultValue = "" + SplitSettings.DEFAULT_NICE_RATIO,
            description = "After each batch of the copy and the deletion, pause R times as long as the batch took, "
                    + "so traffic on the shards keeps its latency (default ${DEFAULT-VALUE}; 0: flat out).")
    double niceRatio;

    @Mixin
    ControlOptions remote;

    @Override
    public Integer call() {
        Path home = options.home.toAbsolutePath().normalize();
        ShardDirectory.Provisioner given = targetAddress == null ? null : existingServer(targetAddress); // refused before anything is reached
        RoutingService routing = remote.routing(home);
        SplitRegistry registry = new SplitRegistryHttpClient(remote.client(home, Duration.ofSeconds(30)));
        LocalCluster cluster = options.cluster();
        DbCredentials login = cluster.credentials(DbAccount.SPLIT);
        ShardDirectory.Provisioner provisioner = given != null ? given : new LocalShardProvisioner(cluster);
        ShardDirectory shards = new ShardDirectory(routing, provisioner, login.user(), login.password());
        SplitSettings defaults = SplitSettings.defaults();
        SplitSettings settings = new SplitSettings(maxLag, defaults.ackTimeout(), defaults.deleteBatchRows(), defaults.deletePause(),
                defaults.blockedTimeout(), defaults.heartbeat(), niceRatio);
        String owner = "split-cli-" + ProcessHandle.current().pid();
        SplitRunner runner = new SplitRunner(registry, routing, shards, settings, new ConsoleSplitProgress(System.err),
                Clock.systemUTC(), owner, SplitRunner.StepHook.NONE);

        if (abort != null) {
            SplitRecord split = new SplitAbort(registry, routing, shards, settings, Clock.systemUTC(), owner).abort(pick(registry, abort));
            System.out.println("split " + split.id() + " aborted: " + split.range() + " stays on " + split.source());
            return 0;
        }
        long id;
        if (resume != null) {
            id = pick(registry, resume);
            if (dryRun) {
                List<String> steps = runner.describe(id);
                steps.forEach(System.out::println);
                if (steps.isEmpty()) {
                    System.out.println("split " + id + " has no step left to run");
                }
                return 0;
            }
        } else {
            if (source == null || target == null || which == null) {
                throw FlightpathException.invalid("a new split needs --source, --target and one of --range, --at or --account");
            }
            KeyRange range = range(routing.state().write());
            if (dryRun) { // a dry run saves nothing, so a real split of the source can follow it
                runner.preview(source, target, range).forEach(System.out::println);
                return 0;
            }
            SplitRecord planned = which.account != null ? runner.isolate(source, target, AccountSid.parse(which.account))
                    : runner.plan(source, target, range);
            id = planned.id();
            System.err.println("split " + id + ": " + planned.range() + " from " + planned.source() + " to " + planned.target());
        }
        SplitRecord done = runner.run(id);
        System.out.println("split " + done.id() + " done: " + done.range() + " now on " + done.target());
        done.outputs().forEach((k, v) -> System.out.println("  " + k + " = " + v));
        return 0;
    }

    private KeyRange range(ShardMap write) {
        if (which.range != null) {
            return KeyRange.parse(which.range);
        }
        if (which.account != null) {
            return KeyRange.of(ShardKey.of(AccountSid.parse(which.account)));
        }
        long at = ShardKey.parseHex(which.at);
        ShardMap.Entry owner = write.lookup(at);
        return new KeyRange(at, owner.range().end());
    }

    private long pick(SplitRegistry registry, long id) {
        if (id >= 0) {
            return id;
        }
        return registry.list(50).stream()
                .filter(s -> !s.state().finished())
                .filter(s -> source == null || s.source().equals(source))
                .findFirst()
                .map(SplitRecord::id)
                .orElseThrow(() -> FlightpathException.notFound("no unfinished split%s", source == null ? "" : " of " + source));
    }

    /** The new shard is the server at {@code address}, which the operator started (docs/deploy.md). */
    private static ShardDirectory.Provisioner existingServer(String address) {
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(address.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw FlightpathException.invalid("--target-address must be HOST:PORT, was '%s'", address);
        }
        String host = address.substring(0, colon);
        int p = port;
        return name -> new io.flightpath.control.api.ShardAddress(name, host, p, StoreAddresses.RECORDS_DB);
    }
}
