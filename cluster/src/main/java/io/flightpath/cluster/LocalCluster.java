package io.flightpath.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The local MariaDB servers of one cluster folder (the embedded default, the tests, and the shards
 * a split provisions): control, in-flight and N post-flight shards, each with its own data folder,
 * port, socket, server id, binlog and GTID domain. Every operation except {@link #addShard()} is
 * idempotent, and each holds the folder's lock, so two commands on one folder never interleave.
 */
public final class LocalCluster {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** Unix socket paths longer than this do not fit in sockaddr_un. */
    private static final int MAX_SOCKET_PATH = 100;

    private final Path home;
    private final Consumer<String> progress;
    private final ServerPlacement placement;
    private MariaDbBinaries binaries;

    public LocalCluster(Path home, Consumer<String> progress) {
        this(home, progress, ServerPlacement.NONE);
    }

    /** A cluster whose servers run where {@code placement} puts them (hosts of their own). */
    public LocalCluster(Path home, Consumer<String> progress, ServerPlacement placement) {
        this.home = home.toAbsolutePath().normalize();
        this.progress = progress;
        this.placement = placement;
    }

    public Path home() {
        return home;
    }

    /**
     * Starts every server of the cluster, creating what is missing. A null base port or shard
     * count keeps what the folder already has (or the defaults for a new folder). Shards are
     * added, never removed.
     */
    public List<ServerSpec> up(String host, Integer basePort, Integer shards) {
        return locked(() -> {
            Optional<ClusterState> existing = ClusterState.read(home);
            ClusterState state = plan(existing, host, basePort, shards);
            List<LocalServer> servers = servers(state);
            if (existing.isPresent() && !existing.get().layout().equals(state.layout())) {
                for (LocalServer s : servers(existing.get())) {
                    if (s.runningPid().isPresent()) {
                        throw new ClusterException("the cluster in " + home + " is running on base port "
                                + existing.get().basePort() + "; run `cluster down` before moving it to " + state.basePort());
                    }
                }
            }
            Path template = ensureTemplate();
            DbCredentials login = DbCredentials.read(home);
            List<LocalServer> stopped = new ArrayList<>();
            for (LocalServer server : servers) {
                Optional<Long> pid = server.runningPid();
                if (pid.isEmpty()) {
                    server.checkPortFree();
                    stopped.add(server);
                } else {
                    requireOwnPort(server, pid.get());
                }
            }
            // every check passed before anything starts: a refused `up` leaves nothing half-started
            Map<LocalServer, Process> starting = new LinkedHashMap<>();
            for (LocalServer server : stopped) {
                server.prepare(template);
                starting.put(server, server.start(true));
            }
            state.write(home);
            for (Map.Entry<LocalServer, Process> e : starting.entrySet()) {
                e.getKey().awaitReady(e.getValue(), login, START_TIMEOUT);
                progress.accept("started " + e.getKey().spec().name() + " on " + e.getKey().spec().address());
            }
            return servers.stream().map(LocalServer::spec).toList();
        });
    }

    /**
     * Makes shard {@code index} of a cluster that was brought up exist and run, and returns it.
     * Idempotent, so that a workflow step may call it again after a crash: a shard the cluster
     * already has is started when stopped and otherwise left alone; the next index (the current
     * shard count) is added. Other servers are not touched. Refuses an index beyond the next one,
     * since shards are numbered without gaps.
     */
    public ServerSpec addShard(int index) {
        return locked(() -> ensureShard(existingState(), index));
    }

    /** {@link #addShard(int)} of the next index: adds a shard on every call, so it is not idempotent. */
    public ServerSpec addShard() {
        return locked(() -> {
            ClusterState existing = existingState();
            return ensureShard(existing, existing.shards());
        });
    }

    private ClusterState existingState() {
        return ClusterState.read(home).orElseThrow(() ->
                new ClusterException("there is no cluster in " + home + "; run `cluster up` first"));
    }

    private ServerSpec ensureShard(ClusterState existing, int index) {
        if (index < 0 || index > existing.shards()) {
            throw new ClusterException("shard index must be 0.." + existing.shards() + " (the next one) in " + home
                    + ", was " + index);
        }
        if (index >= ClusterLayout.MAX_SHARDS) {
            throw new ClusterException("the cluster in " + home + " has room for " + ClusterLayout.MAX_SHARDS + " shards");
        }
        ClusterState state = index < existing.shards() ? existing
                : new ClusterState(existing.host(), existing.basePort(), index + 1);
        LocalServer server = placed(state.layout().shard(index), socketDir(), binaries());
        Optional<Long> pid = server.runningPid();
        if (pid.isPresent()) {
            requireOwnPort(server, pid.get());
            return server.spec();
        }
        server.checkPortFree();
        server.prepare(ensureTemplate());
        Process process = server.start(true);
        // recorded before it answers: a crash now leaves a known, stopped shard that a rerun starts
        state.write(home);
        server.awaitReady(process, DbCredentials.read(home), START_TIMEOUT);
        progress.accept("started " + server.spec().name() + " on " + server.spec().address());
        return server.spec();
    }

    private static void requireOwnPort(LocalServer server, long pid) {
        if (!Processes.commandLine(pid).contains("--port=" + server.spec().port())) {
            throw new ClusterException("data folder " + server.dataDir() + " is held by a running server (pid "
                    + pid + ") on another port; run `cluster down` first");
        }
    }

    private ClusterState plan(Optional<ClusterState> existing, String host, Integer basePort, Integer shards) {
        if (shards != null && (shards < 1 || shards > ClusterLayout.MAX_SHARDS)) {
            throw new ClusterException("shards must be 1.." + ClusterLayout.MAX_SHARDS + ", was " + shards);
        }
        String h = host != null ? host : existing.map(ClusterState::host).orElse("127.0.0.1");
        int port = basePort != null ? basePort : existing.map(ClusterState::basePort).orElse(ClusterLayout.DEFAULT_BASE_PORT);
        int have = existing.map(ClusterState::shards).orElse(0);
        if (shards != null && shards < have) {
            throw new ClusterException("the cluster in " + home + " has " + have + " shards; `up` adds shards but never removes them");
        }
        int n = shards != null ? shards : Math.max(have, 1);
        try {
            new ClusterLayout(h, port);
        } catch (IllegalArgumentException e) {
            throw new ClusterException(e.getMessage());
        }
        return new ClusterState(h, port, n);
    }

    /** Every server of the folder, running or not; empty when the folder has no cluster. */
    public List<ServerStatus> status() {
        Optional<ClusterState> state = ClusterState.read(home);
        if (state.isEmpty()) {
            return List.of();
        }
        DbCredentials login = DbCredentials.read(home);
        List<ServerStatus> all = new ArrayList<>();
        for (LocalServer s : servers(state.get())) {
            Optional<Long> pid = s.runningPid();
            all.add(new ServerStatus(s.spec(), pid.map(OptionalLong::of).orElse(OptionalLong.empty()),
                    pid.isPresent() && s.answers(login)));
        }
        return all;
    }

    /** Stops every server and waits until each process is gone. */
    public void down() {
        locked(() -> {
            Optional<ClusterState> state = ClusterState.read(home);
            if (state.isEmpty()) {
                return null;
            }
            for (LocalServer s : servers(state.get())) {
                if (s.runningPid().isPresent()) {
                    s.stop(STOP_TIMEOUT);
                    progress.accept("stopped " + s.spec().name());
                }
            }
            return null;
        });
    }

    /** Stops every server and deletes the cluster's data folders, template and credentials. */
    public void destroy() {
        down();
        locked(() -> {
            try {
                FileTrees.delete(home.resolve("servers"));
                FileTrees.delete(home.resolve("template"));
                FileTrees.delete(socketDir());
                Files.deleteIfExists(home.resolve(ClusterState.FILE));
                Files.deleteIfExists(home.resolve(DbCredentials.FILE));
            } catch (IOException e) {
                throw new ClusterException("cannot delete the cluster in " + home + ": " + e.getMessage(), e);
            }
            progress.accept("deleted the cluster in " + home);
            return null;
        });
    }

    /** The servers the folder's cluster has, as last brought up. */
    public List<ServerSpec> servers() {
        return ClusterState.read(home).map(s -> s.layout().servers(s.shards())).orElse(List.of());
    }

    /** The cluster's administrator: for the cluster's own commands, tests and benchmarks; no service logs in with it. */
    public DbCredentials credentials() {
        return DbCredentials.read(home);
    }

    /** The login of one store owner, which may use its own databases only. */
    public DbCredentials credentials(DbAccount account) {
        return DbCredentials.read(home, account);
    }

    private List<LocalServer> servers(ClusterState state) {
        MariaDbBinaries bin = binaries();
        Path socketDir = socketDir();
        return state.layout().servers(state.shards()).stream()
                .map(spec -> placed(spec, socketDir, bin))
                .toList();
    }

    /** The server of {@code spec}, on its host when the placement gives it one. */
    private LocalServer placed(ServerSpec spec, Path socketDir, MariaDbBinaries bin) {
        return placement.of(spec.name())
                .map(p -> new LocalServer(new ServerSpec(spec.name(), spec.role(), p.host(), spec.port(), spec.serverId(), spec.gtidDomainId()),
                        home.resolve("servers"), socketDir, bin, p.launcher()))
                .orElseGet(() -> new LocalServer(spec, home.resolve("servers"), socketDir, bin, List.of()));
    }

    private MariaDbBinaries binaries() {
        if (binaries == null) {
            binaries = MariaDbBinaries.locate(progress);
        }
        return binaries;
    }

    private Path socketDir() {
        Path inHome = home.resolve("run");
        if (inHome.resolve("shard" + (ClusterLayout.MAX_SHARDS - 1) + ".sock").toString().length() <= MAX_SOCKET_PATH) {
            return inHome;
        }
        // a deep home would make socket paths too long: keep them under /tmp, named by the home
        String tag = HexFormat.of().toHexDigits(home.toString().hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), "flightpath-" + tag);
    }

    /**
     * A data folder initialised once and copied for every server: initialising takes seconds,
     * copying a fraction of one. It already holds the cluster's database account.
     */
    private Path ensureTemplate() {
        Path folder = home.resolve("template");
        Path ready = folder.resolve("ready");
        LocalServer server = new LocalServer(new ServerSpec("template", Role.CONTROL, "127.0.0.1", freePort(), 1, 1),
                home, socketDir(), binaries(), List.of());
        if (Files.exists(ready) && Files.exists(home.resolve(DbCredentials.FILE))) {
            if (!DbCredentials.complete(home)) {
                throw new ClusterException("the cluster in " + home + " predates the per-store database accounts; "
                        + "run `cluster destroy` and `cluster up` to recreate it");
            }
            return server.dataDir();
        }
        progress.accept("initialising a MariaDB data folder template in " + folder);
        try {
            FileTrees.delete(folder);
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new ClusterException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        installDb(server.dataDir(), folder.resolve("install.log"));
        DbCredentials root = new DbCredentials("root", "");
        DbCredentials admin = new DbCredentials(DbCredentials.ADMIN, DbCredentials.newPassword());
        String rootPassword = DbCredentials.newPassword();
        Map<DbAccount, String> accounts = new EnumMap<>(DbAccount.class);
        Process process = server.start(false);
        try {
            server.awaitReady(process, root, START_TIMEOUT);
            // the administrator has every privilege but GRANT OPTION: it cannot hand out more than it has
            List<String> statements = new ArrayList<>(List.of(
                    "CREATE USER '" + admin.user() + "'@'%' IDENTIFIED BY '" + admin.password() + "'",
                    "GRANT ALL PRIVILEGES ON *.* TO '" + admin.user() + "'@'%'"));
            for (DbAccount a : DbAccount.values()) {
                String password = DbCredentials.newPassword();
                accounts.put(a, password);
                statements.addAll(a.create(password));
            }
            statements.add("ALTER USER 'root'@'localhost' IDENTIFIED BY '" + rootPassword + "'");
            // root over TCP without a password is how the template was reached; no server keeps it
            for (String host : server.query(root, "SELECT Host FROM mysql.user WHERE User = 'root' AND Host <> 'localhost'")) {
                statements.add("DROP USER 'root'@'" + host.replace("'", "''") + "'");
            }
            server.execute(root, statements.toArray(String[]::new));
            DbCredentials.write(home, admin, rootPassword, accounts);
        } finally {
            server.stop(STOP_TIMEOUT);
        }
        try {
            Files.createFile(ready);
        } catch (IOException e) {
            throw new ClusterException("cannot write " + ready + ": " + e.getMessage(), e);
        }
        return server.dataDir();
    }

    private void installDb(Path data, Path log) {
        Path tmp = log.resolveSibling("tmp");
        List<String> command = new ArrayList<>(List.of(binaries().installDb().toString(), "--no-defaults",
                "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db",
                "--innodb-log-file-size=32M", "--tmpdir=" + tmp));
        if (Processes.isRoot()) {
            command.add("--user=root");
        }
        try {
            Files.createDirectories(tmp);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int rc = p.waitFor();
            if (rc != 0) {
                List<String> lines = Files.readAllLines(log);
                String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).trim();
                throw new ClusterException(binaries().installDb().getFileName() + " failed with exit code " + rc + " (" + last + "); see " + log);
            }
        } catch (IOException e) {
            throw new ClusterException("cannot run " + binaries().installDb() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while initialising " + data, e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ClusterException("cannot find a free port: " + e.getMessage(), e);
        }
    }

    private <T> T locked(Supplier<T> action) {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new ClusterException("cannot create " + home + ": " + e.getMessage(), e);
        }
        Path lockFile = home.resolve("cluster.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                progress.accept("waiting for another cluster command on " + home);
                lock = channel.lock();
            }
            try {
                return action.get();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new ClusterException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }
}
