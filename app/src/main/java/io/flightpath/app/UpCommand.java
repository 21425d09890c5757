package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs Flightpath on the embedded default: the local cluster and every service in one process. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local cluster and every service (the embedded default).")
final class UpCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions options;

    @Override
    public Integer call() {
        LocalCluster cluster = options.cluster();
        cluster.up(options.host, options.basePort, null);
        ClusterCommand.printStatus(cluster.status());
        System.out.println("The services are not part of this build yet: only the local cluster runs. "
                + "Stop it with `./flightpath cluster down`.");
        return 0;
    }
}
