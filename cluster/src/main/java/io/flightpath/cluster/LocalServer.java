package io.flightpath.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One local MariaDB server: its folder under the cluster home, its process and its readiness.
 * Binlog (ROW, GTID) is on so that the server can become a replication source.
 */
final class LocalServer {
    private static final Duration POLL = Duration.ofMillis(50);

    private final ServerSpec spec;
    private final Path folder;
    private final Path socket;
    private final MariaDbBinaries binaries;
    private final List<String> launcher;

    /** {@code launcher}: the words that start the server on its host (empty: here, on the cluster's address). */
    LocalServer(ServerSpec spec, Path serversDir, Path socketDir, MariaDbBinaries binaries, List<String> launcher) {
        this.spec = spec;
        this.folder = serversDir.resolve(spec.name());
        this.socket = socketDir.resolve(spec.name() + ".sock");
        this.binaries = binaries;
        this.launcher = List.copyOf(launcher);
    }

    ServerSpec spec() {
        return spec;
    }

    Path dataDir() {
        return folder.resolve("data");
    }

    Path errorLog() {
        return folder.resolve("error.log");
    }

    /** The pid of the server process that holds this data folder, whoever started it. */
    Optional<Long> runningPid() {
        return Processes.findByArgument(dataDirArgument());
    }

    private String dataDirArgument() {
        return "--datadir=" + dataDir().toAbsolutePath();
    }

    /** Gives the server a data folder copied from the template, unless it has one. */
    void prepare(Path templateData) {
        if (Files.isDirectory(dataDir())) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve("data.partial");
            FileTrees.delete(partial);
            FileTrees.copy(templateData, partial);
            Files.move(partial, dataDir());
        } catch (IOException e) {
            throw new ClusterException("cannot create data folder of " + spec.name() + " at " + dataDir() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the process; it outlives this JVM. Call {@link #awaitReady} next. */
    void checkPortFree() {
        // a server on a host of its own has that host's ports: this machine cannot bind them to look
        if (launcher.isEmpty() && !portIsFree(spec.host(), spec.port())) {
            throw new ClusterException("port " + spec.port() + " (" + spec.name() + ") is in use by another process; "
                    + "choose another base port with --base-port or FLIGHTPATH_BASE_PORT");
        }
    }

    Process start(boolean binlog) {
        checkPortFree();
        // shards hold the post-flight rows: room for a working set of millions of them, and a redo log
        // that absorbs a split's bulk copy and deletes without stalling traffic on checkpoints
        // (memory is taken as pages are used, not at start)
        boolean shard = spec.role() == Role.SHARD;
        List<String> command = new ArrayList<>();
        // a session of its own: Ctrl-C in the terminal that started it must not reach the server
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(launcher);
        command.addAll(List.of(
                binaries.server().toString(),
                "--no-defaults",
                dataDirArgument(),
                "--port=" + spec.port(),
                "--bind-address=" + spec.host(),
                "--socket=" + socket.toAbsolutePath(),
                "--pid-file=" + folder.resolve("mariadbd.pid").toAbsolutePath(),
                "--log-error=" + errorLog().toAbsolutePath(),
                // temporary files of its own: nothing another program cleans out of /tmp can pull them away
                "--tmpdir=" + folder.resolve("tmp").toAbsolutePath(),
                "--server-id=" + spec.serverId(),
                "--gtid-domain-id=" + spec.gtidDomainId(),
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--innodb-log-file-size=" + (shard ? "256M" : "32M"),
                "--innodb-buffer-pool-size=" + (shard ? "1G" : "128M"),
                // the write-back rate of an SSD, not of the spinning disk InnoDB's default (200) assumes
                "--innodb-io-capacity=2000",
                "--innodb-io-capacity-max=4000",
                // write back in the background once a tenth of the pool is dirty (0, the default, waits
                // until the redo log or the pool runs full and then makes every commit wait)
                "--innodb-max-dirty-pages-pct-lwm=10",
                "--max-connections=1000",
                // no LOAD DATA LOCAL: a client must not be able to make the server read its files
                "--local-infile=0",
                "--performance-schema=OFF"));
        if (binlog) {
            command.addAll(List.of("--log-bin=binlog", "--binlog-format=ROW", "--log-slave-updates=ON",
                    "--relay-log=relay", "--expire-logs-days=2"));
        } else {
            command.add("--skip-log-bin");
        }
        if (Processes.isRoot()) {
            command.add("--user=root");
        }
        try {
            Files.createDirectories(folder.resolve("tmp"));
            Files.createDirectories(socket.getParent());
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new ClusterException("cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the server accepts a login, failing early with its log when the process dies. */
    void awaitReady(Process process, DbCredentials login, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(login)) {
                return;
            }
            if (!process.isAlive() && runningPid().isEmpty()) {
                throw new ClusterException(spec.name() + " exited during start-up: " + lastLogLine());
            }
            pause();
        }
        throw new ClusterException(spec.name() + " did not answer within " + timeout.toSeconds() + " s: " + lastLogLine());
    }

    boolean answers(DbCredentials login) {
        try (Connection c = connect(login, "")) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    Connection connect(DbCredentials login, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", login.user());
        p.setProperty("password", login.password());
        p.setProperty("connectTimeout", "1000");
        return DriverManager.getConnection(spec.jdbcUrl(database), p);
    }

    void execute(DbCredentials login, String... statements) {
        try (Connection c = connect(login, ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new ClusterException("on " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    List<String> query(DbCredentials login, String sql) {
        try (Connection c = connect(login, ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new ClusterException("on " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server and waits until its process is gone; a no-op when it is not running. */
    void stop(Duration timeout) {
        Optional<Long> pid = runningPid();
        if (pid.isEmpty()) {
            return;
        }
        ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroy); // SIGTERM: a clean InnoDB shutdown
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Processes.isRunning(pid.get())) {
            if (System.nanoTime() > deadline) {
                throw new ClusterException(spec.name() + " (pid " + pid.get() + ") did not stop within "
                        + timeout.toSeconds() + " s; see " + errorLog());
            }
            pause();
        }
    }

    String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(errorLog());
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("ERROR")) {
                    return lines.get(i).trim() + " (see " + errorLog() + ")";
                }
            }
            return lines.isEmpty() ? "no log written to " + errorLog() : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "no log at " + errorLog();
        }
    }

    static boolean portIsFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while waiting for a server", e);
        }
    }
}
