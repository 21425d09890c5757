package io.flightpath.cluster.testing;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.FreePorts;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real MariaDB servers for integration tests: one local cluster per test run (control, in-flight
 * and two shards), on free ports in a temporary folder, shared by every test class that uses
 * this extension and destroyed when the run ends. Tests isolate themselves by database name.
 */
public final class SharedCluster implements BeforeAllCallback {
    public static final int SHARDS = 2;
    /** Ports above the last shard that tests may use for shards they add. */
    private static final int SPARE_PORTS = 6;
    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedCluster.class.getName(), key -> start(), Running.class);
    }

    /** The running cluster; only valid inside a class extended with {@code @ExtendWith(SharedCluster.class)}. */
    public static LocalCluster cluster() {
        return require().cluster;
    }

    public static List<ServerSpec> servers() {
        return require().cluster.servers();
    }

    public static ServerSpec server(String name) {
        return servers().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + name + " in the test cluster"));
    }

    public static DbCredentials credentials() {
        return require().cluster.credentials();
    }

    private static Running require() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("the test cluster is not running: extend the test class with SharedCluster");
        }
        return r;
    }

    private static synchronized Running start() {
        if (running != null) {
            return running;
        }
        try {
            Path home = Files.createTempDirectory("fp-test-");
            LocalCluster cluster = new LocalCluster(home, line -> { });
            cluster.up("127.0.0.1", freeBasePort(), SHARDS);
            running = new Running(cluster);
            return running;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a folder for the test cluster", e);
        }
    }

    /** A base port whose whole block (the servers and spare ports) is free now. */
    public static int freeBasePort() {
        return FreePorts.block("127.0.0.1", 2 + SHARDS + SPARE_PORTS);
    }

    private record Running(LocalCluster cluster) implements AutoCloseable {
        @Override
        public void close() {
            running = null;
            cluster.destroy();
            try {
                Files.deleteIfExists(cluster.home().resolve("cluster.lock"));
                Files.deleteIfExists(cluster.home());
            } catch (IOException e) {
                throw new IllegalStateException("cannot remove " + cluster.home(), e);
            }
        }
    }
}
