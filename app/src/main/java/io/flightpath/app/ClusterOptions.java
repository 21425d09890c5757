package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the local cluster lives: shared by every command that starts or reaches it. */
final class ClusterOptions {
    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:FLIGHTPATH_HOME:-.flightpath}",
            description = "Folder of the local cluster's data (env FLIGHTPATH_HOME; default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "${env:FLIGHTPATH_BASE_PORT}",
            description = "First port of the local servers: control, in-flight, then one per shard "
                    + "(env FLIGHTPATH_BASE_PORT; default: the cluster's own, or 23300).")
    Integer basePort;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:FLIGHTPATH_DB_HOST}",
            description = "Address the local servers listen on (env FLIGHTPATH_DB_HOST; default 127.0.0.1).")
    String host;

    LocalCluster cluster() {
        return new LocalCluster(home, System.out::println);
    }
}
