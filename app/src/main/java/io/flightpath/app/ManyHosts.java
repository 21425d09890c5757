package io.flightpath.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerPlacement;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.cluster.hosts.NetworkHosts;
import io.flightpath.cluster.hosts.NetworkHosts.Host;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.control.http.RoutingHttpClient;
import io.flightpath.control.http.SplitRegistryHttpClient;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.http.Json;
import io.flightpath.http.ServiceClient;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.split.workflow.SplitProgress;
import io.flightpath.split.workflow.SplitRunner;
import io.flightpath.split.workflow.SplitSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Flightpath as a many-host deployment on this one machine: every MariaDB server and every
 * service process on a host of its own (a network namespace, {@link NetworkHosts}), each service
 * started by {@code flightpath serve SERVICE --config FILE} from the settings file of its host,
 * the load generator on a host of its own spreading its requests over both API nodes. Under the
 * load, shard0 is split onto a new host while one post-flight node is cut off the network (the
 * split waits for that node's lease to end and carries on; back, the node acknowledges the
 * current maps before it routes again), then the in-flight node is cut off for a few seconds.
 * The load's own verification says whether anything failed, was lost or doubled.
 */
final class ManyHosts {
    static final int API_PORT = 8080;
    static final int CONTROL_PORT = 8081;
    static final int INFLIGHT_PORT = 8082;
    static final int POSTFLIGHT_PORT = 8083;
    static final int BILLING_PORT = 8084;
    /** Every MariaDB server listens on this port of its own host: no two share an address. */
    static final int DB_BASE_PORT = 23800;

    /**
     * @param load        how long the load runs
     * @param rate        calls and messages a second, each
     * @param accounts    the load's accounts
     * @param inflightCut how long the in-flight node is off the network
     */
    record Options(Path home, Duration load, double rate, int accounts, Duration inflightCut) {
        static Options defaults(Path home) {
            return new Options(home, Duration.ofSeconds(90), 20, 10, Duration.ofSeconds(7));
        }
    }

    /** What the run found: the load's verdict and figures, the split, and the faults' effects. */
    record Result(boolean loadPassed, long failedRequests, long lost, long duplicated, long wrongStatus, long created,
                  SplitRecord split, Duration splitTook, Duration waitedForCutNode, boolean cutNodeCaughtUp, List<String> notes,
                  List<String> firstErrors) {
        boolean passed() {
            return loadPassed && split.state() == SplitRecord.State.DONE && cutNodeCaughtUp;
        }
    }

    private final Options options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> services = new ArrayList<>();

    ManyHosts(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    Result run() throws Exception {
        Path home = options.home().toAbsolutePath().normalize();
        Files.createDirectories(home);
        try (NetworkHosts network = NetworkHosts.create()) {
            Map<String, Host> hosts = new LinkedHashMap<>();
            for (String name : List.of("dbctl", "dbinf", "dbsh0", "dbsh1", "control", "inflight", "post1", "post2", "billing", "api1",
                    "api2", "load")) {
                hosts.put(name, network.add(name));
            }
            out.println("hosts: " + hosts.values().stream().map(h -> h.name() + " " + h.address()).collect(Collectors.joining(", ")));
            // the servers' own names map to hosts: control, inflight, shardN on dbctl, dbinf, dbshN
            ServerPlacement placement = name -> Optional.ofNullable(hosts.get(switch (name) {
                case "control" -> "dbctl";
                case "inflight" -> "dbinf";
                default -> "dbsh" + name.substring("shard".length());
            })).map(h -> new ServerPlacement.Placed(h.address(), h.exec(List.of())));
            LocalCluster cluster = new LocalCluster(home.resolve("cluster"), line -> out.println("cluster: " + line), placement);
            cluster.destroy();
            try {
                List<ServerSpec> servers = cluster.up("127.0.0.1", DB_BASE_PORT, 1);
                return runOn(home, hosts, network, cluster, servers);
            } finally {
                services.forEach(Process::destroy);
                for (Process p : services) {
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
                cluster.destroy();
            }
        }
    }

    /** A service's own settings with the login of the store it owns. */
    private static Map<String, String> withLogin(LocalCluster cluster, DbAccount account, Map<String, String> settings) {
        DbCredentials login = cluster.credentials(account);
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("db.user", login.user());
        all.put("db.password", login.password());
        return all;
    }

    private Result runOn(Path home, Map<String, Host> hosts, NetworkHosts network, LocalCluster cluster, List<ServerSpec> servers)
            throws Exception {
        String token = LocalSecrets.internalToken(home);
        ServerSpec controlDb = servers.stream().filter(s -> s.name().equals("control")).findFirst().orElseThrow();
        ServerSpec inflightDb = servers.stream().filter(s -> s.name().equals("inflight")).findFirst().orElseThrow();
        ServerSpec shard0 = servers.stream().filter(s -> s.name().equals("shard0")).findFirst().orElseThrow();
        String control = url(hosts.get("control"), CONTROL_PORT);
        String inflight = url(hosts.get("inflight"), INFLIGHT_PORT);

        // each service that owns a store logs in with that store's account; billing and the API open none
        Map<String, String> common = Map.of("internal.token", token, "control.url", control);
        awaitUp(List.of(start(home, hosts.get("control"), "control", common, withLogin(cluster, DbAccount.CONTROL,
                Map.of("control.listen", listen(hosts.get("control"), CONTROL_PORT), "control.db", controlDb.address() + "/" + StoreAddresses.CONTROL_DB)))));
        // the others need only the control service and their stores: they start side by side
        List<Started> rest = new ArrayList<>();
        for (String node : List.of("post1", "post2")) {
            rest.add(start(home, hosts.get(node), "postflight", common, withLogin(cluster, DbAccount.POSTFLIGHT,
                    Map.of("postflight.listen", listen(hosts.get(node), POSTFLIGHT_PORT),
                    "postflight.shards", "shard0=" + shard0.address() + "/" + StoreAddresses.RECORDS_DB, "postflight.node-id", node))));
        }
        // the handoff and billing go through post2; post1, the node cut off during the split, serves api1's reads
        rest.add(start(home, hosts.get("inflight"), "inflight", common, withLogin(cluster, DbAccount.INFLIGHT,
                Map.of("inflight.listen", listen(hosts.get("inflight"), INFLIGHT_PORT), "inflight.db", inflightDb.address() + "/" + StoreAddresses.INFLIGHT_DB,
                        "postflight.url", url(hosts.get("post2"), POSTFLIGHT_PORT)))));
        rest.add(start(home, hosts.get("billing"), "billing", common, Map.of("billing.listen", listen(hosts.get("billing"), BILLING_PORT),
                "postflight.url", url(hosts.get("post2"), POSTFLIGHT_PORT))));
        for (String[] api : new String[][] {{"api1", "post1"}, {"api2", "post2"}}) {
            rest.add(start(home, hosts.get(api[0]), "api", common, Map.of("api.listen", listen(hosts.get(api[0]), API_PORT),
                    "inflight.url", inflight, "postflight.url", url(hosts.get(api[1]), POSTFLIGHT_PORT),
                    "billing.url", url(hosts.get("billing"), BILLING_PORT))));
        }
        awaitUp(rest);

        Path report = home.resolve("load-report.json");
        Files.deleteIfExists(report);
        List<String> load = new ArrayList<>(javaCommand());
        load.addAll(List.of("load", "--api", url(hosts.get("api1"), API_PORT) + "," + url(hosts.get("api2"), API_PORT),
                "--events", inflight, "--admin", control, "--token", token, "--accounts", Integer.toString(options.accounts()),
                "--calls-per-second", fmt(options.rate()), "--messages-per-second", fmt(options.rate()),
                "--duration", options.load().toSeconds() + "s", "--report", report.toString()));
        out.printf("load: %s calls/s and %s messages/s over %d accounts for %d s, from host load over api1 and api2%n",
                fmt(options.rate()), fmt(options.rate()), options.accounts(), options.load().toSeconds());
        Process loadProcess = new ProcessBuilder(hosts.get("load").exec(load)).redirectErrorStream(true)
                .redirectOutput(home.resolve("load.log").toFile()).start();

        ServiceClient controlClient = new ServiceClient("control", URI.create(control), token, Duration.ofSeconds(30));
        RoutingService routing = new RoutingHttpClient(controlClient);
        Thread.sleep(options.load().dividedBy(6)); // the load settles before the split starts
        List<String> notes = new ArrayList<>();
        DbCredentials splitLogin = cluster.credentials(DbAccount.SPLIT);
        ShardDirectory shards = new ShardDirectory(routing, new LocalShardProvisioner(cluster), splitLogin.user(), splitLogin.password());
        Instant[] cutAt = new Instant[1];
        SplitRunner.StepHook cutPost1 = step -> {
            if (step == Step.MOVE_READS) { // off the network before the maps change, so the write move must wait for its lease
                network.cut(hosts.get("post1"));
                cutAt[0] = Instant.now();
                out.println("fault: post1 is off the network");
            }
        };
        SplitRunner runner = new SplitRunner(new SplitRegistryHttpClient(controlClient), routing, shards, SplitSettings.defaults(),
                new NotedProgress(out, notes), Clock.systemUTC(), "many-hosts", cutPost1);
        out.println("split: shard0's upper half to shard1, a new server on host dbsh1");
        long splitStart = System.nanoTime();
        SplitRecord planned = runner.plan("shard0", "shard1", KeyRange.FULL.upperHalf());
        SplitRecord split = runner.run(planned.id());
        Duration splitTook = Duration.ofNanos(System.nanoTime() - splitStart);
        Duration waited = cutAt[0] == null ? Duration.ZERO : Duration.between(cutAt[0], Instant.now());
        out.printf("split %d %s in %.1f s%n", split.id(), split.state().name().toLowerCase(java.util.Locale.ROOT), splitTook.toMillis() / 1e3);

        network.restore(hosts.get("post1"));
        out.println("fault lifted: post1 is back");
        var maps = routing.state();
        boolean caughtUp = awaitAck(routing, "post1", maps.read().version(), maps.write().version(), Duration.ofSeconds(30));
        out.println("post1 " + (caughtUp ? "acknowledged" : "did NOT acknowledge") + " the current maps (read version "
                + maps.read().version() + ", write version " + maps.write().version() + ")");

        out.printf("fault: inflight is off the network for %d s%n", options.inflightCut().toSeconds());
        network.cut(hosts.get("inflight"));
        Thread.sleep(options.inflightCut());
        network.restore(hosts.get("inflight"));
        out.println("fault lifted: inflight is back");

        if (!loadProcess.waitFor(options.load().toSeconds() + 300, TimeUnit.SECONDS)) {
            loadProcess.destroyForcibly();
            throw new IllegalStateException("the load did not finish; its output is in " + home.resolve("load.log"));
        }
        if (!Files.exists(report)) {
            throw new IllegalStateException("the load wrote no report; its output is in " + home.resolve("load.log"));
        }
        JsonNode r = Json.mapper().readTree(report.toFile());
        JsonNode records = r.path("records");
        return new Result(r.path("passed").asBoolean(), r.path("failed_requests").asLong(), records.path("lost").asLong(),
                records.path("duplicated").asLong(), records.path("wrong_status").asLong(),
                records.path("calls_created").asLong() + records.path("messages_created").asLong(), split, splitTook, waited, caughtUp, notes,
                firstErrors(r.path("operations")));
    }

    /** Each operation's first failed request, as the load's report gives it. */
    private static List<String> firstErrors(JsonNode operations) {
        List<String> errors = new ArrayList<>();
        operations.properties().forEach(e -> {
            if (e.getValue().hasNonNull("first_error")) {
                errors.add(e.getKey() + ": " + e.getValue().get("first_error").asText());
            }
        });
        return errors;
    }

    private boolean awaitAck(RoutingService routing, String node, int read, int write, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Instant now = Instant.now();
            for (NodeAck ack : routing.nodes()) {
                if (ack.nodeId().equals(node) && ack.isLive(now) && ack.readVersion() >= read && ack.writeVersion() >= write) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** A service process just started on its host, and where it answers its health check. */
    private record Started(String service, Host host, Process process, URI health, Path log) {
    }

    /** Writes the host's settings file and starts the service there. */
    private Started start(Path home, Host host, String service, Map<String, String> common, Map<String, String> own) throws IOException {
        Properties settings = new Properties();
        settings.putAll(common);
        settings.putAll(own);
        Path file = home.resolve("hosts").resolve(host.name() + ".properties");
        java.io.StringWriter text = new java.io.StringWriter();
        settings.store(text, host.name() + " (" + host.address() + "): flightpath serve " + service);
        PrivateFiles.write(file, text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)); // it holds the token and a password
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("serve", service, "--config", file.toString()));
        Path log = home.resolve("hosts").resolve(host.name() + ".log");
        Process p = new ProcessBuilder(host.exec(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        services.add(p);
        int port = Integer.parseInt(own.entrySet().stream().filter(e -> e.getKey().endsWith(".listen")).findFirst().orElseThrow()
                .getValue().split(":")[1]);
        return new Started(service, host, p, URI.create(url(host, port) + "/health"), log);
    }

    /** Returns once every one of them answers its health check; fails naming the first that stopped or stayed silent 90 s. */
    private void awaitUp(List<Started> starting) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Started> waiting = new ArrayList<>(starting);
        while (!waiting.isEmpty()) {
            for (java.util.Iterator<Started> it = waiting.iterator(); it.hasNext(); ) {
                Started s = it.next();
                if (!s.process().isAlive()) {
                    throw new IllegalStateException(s.service() + " on " + s.host().name() + " stopped (exit " + s.process().exitValue()
                            + "); the end of its log, " + s.log() + ":\n" + tail(s.log(), 40));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(s.health()).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        out.println(s.service() + " is up on " + s.host().name() + " (" + s.health().resolve("/") + ")");
                        it.remove();
                    }
                } catch (IOException e) {
                    // not listening yet
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                Started silent = waiting.getFirst();
                throw new IllegalStateException(silent.service() + " on " + silent.host().name() + " did not answer in 90 s; the end of its log, "
                        + silent.log() + ":\n" + tail(silent.log(), 40));
            }
            Thread.sleep(200);
        }
    }

    /** The last lines of a service's log, for a failure that must say why where nobody can read the file afterwards. */
    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** This JVM's own java and class path, so the hosts run the very code this run is. */
    private static List<String> javaCommand() {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 24) {
            c.add("--sun-misc-unsafe-memory-access=allow");
        }
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return c;
    }

    private static String url(Host host, int port) {
        return "http://" + host.address() + ":" + port;
    }

    private static String listen(Host host, int port) {
        return host.address() + ":" + port;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The split's steps and waits on the terminal, the waits kept for the result. */
    private record NotedProgress(PrintStream out, List<String> notes) implements SplitProgress {
        @Override
        public void stepStarted(Step step, String description) {
            out.println("  " + step.numbered());
        }

        @Override
        public void advanced(Step step, long done, long total, String unit) {
        }

        @Override
        public void stepFinished(Step step, String summary) {
        }

        @Override
        public void note(String message) {
            notes.add(message);
            out.println("    " + message);
        }
    }
}
