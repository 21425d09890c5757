package io.flightpath.bench;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.FreePorts;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.Role;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.store.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A throwaway local cluster (control, in-flight, one shard) in a temporary folder on free ports,
 * so the bench never touches the user's cluster. Closing destroys it and deletes the folder.
 */
final class BenchCluster implements AutoCloseable {
    private static final int SERVERS = 3;

    private final LocalCluster cluster;
    private final DbCredentials login;

    private BenchCluster(LocalCluster cluster) {
        this.cluster = cluster;
        this.login = cluster.credentials();
    }

    static BenchCluster start(String host, Consumer<String> progress) {
        Path home;
        try {
            home = Files.createTempDirectory("fp-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the bench cluster", e);
        }
        LocalCluster cluster = new LocalCluster(home, progress);
        return new BenchCluster(startOrDelete(cluster, host));
    }

    private static LocalCluster startOrDelete(LocalCluster cluster, String host) {
        try {
            cluster.up(host, FreePorts.block(host, SERVERS), 1);
            return cluster;
        } catch (RuntimeException e) {
            try {
                cluster.destroy();
                deleteTree(cluster.home());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    DatabaseConfig control(String database, int pool) {
        return config(Role.CONTROL, database, pool);
    }

    DatabaseConfig inflight(String database, int pool) {
        return config(Role.INFLIGHT, database, pool);
    }

    DatabaseConfig shard(String database, int pool) {
        return config(Role.SHARD, database, pool);
    }

    private DatabaseConfig config(Role role, String database, int pool) {
        ServerSpec s = server(role);
        return new DatabaseConfig(s.host(), s.port(), database, login.user(), login.password(), pool);
    }

    /** The meter of the CPU time the in-flight and shard servers and this process use. */
    CpuMeter cpuMeter() {
        return CpuMeter.of(server(Role.INFLIGHT).port(), server(Role.SHARD).port());
    }

    private ServerSpec server(Role role) {
        List<ServerSpec> servers = cluster.servers();
        return servers.stream().filter(s -> s.role() == role).findFirst()
                .orElseThrow(() -> new IllegalStateException("the bench cluster has no " + role + " server: " + servers));
    }

    /** The version string the in-flight server reports, e.g. "10.11.6-MariaDB-0+deb12u1-log". */
    String serverVersion() {
        ServerSpec s = server(Role.INFLIGHT);
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(""), login.user(), login.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server version of " + s.address(), e);
        }
    }

    @Override
    public void close() {
        cluster.destroy();
        deleteTree(cluster.home());
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bench cluster folder " + root, e);
        }
    }
}
