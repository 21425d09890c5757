package io.flightpath.app;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.control.api.AccountService;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.http.ControlHttpClient;
import io.flightpath.control.http.RoutingHttpClient;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.ServiceClient;
import io.flightpath.store.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The services as processes of their own, each a `flightpath` JVM started from this one's class
 * path, so that a chaos scenario can kill one with SIGKILL and start it again: either one `up`
 * process, or one `serve` process per service, wired by one settings file. Each logs to
 * {@code NAME.log} in the suite's folder.
 */
final class ProcessDeployment implements ChaosDeployment {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private final Path home;
    private final Path config;
    private final Map<String, URI> listens;
    private final Map<String, List<String>> commands = new LinkedHashMap<>();
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String token;
    // the login of the store each `serve` process owns, given by environment so one settings file serves them all
    private final Map<String, DbCredentials> logins;

    /**
     * {@code up}: one process; otherwise one `serve` process per service, started in dependency
     * order, each that owns a store logging in with the account in {@code logins} under its name.
     */
    ProcessDeployment(Path home, boolean up, StoreAddresses stores, Map<String, DbCredentials> logins, String token, Map<String, String> settings) {
        this.home = home;
        this.token = token;
        this.logins = Map.copyOf(logins);
        this.listens = new LinkedHashMap<>();
        Properties p = new Properties();
        for (String service : List.of("control", "postflight", "inflight", "billing", "api")) {
            URI uri = URI.create("http://127.0.0.1:" + freePort());
            listens.put(service, uri);
            p.setProperty(service + ".listen", uri.getHost() + ":" + uri.getPort());
            if (!up && !service.equals("api")) {
                p.setProperty(service + ".url", uri.toString());
            }
        }
        if (!up) {
            p.setProperty("internal.token", token);
            p.setProperty("control.db", address(stores.control()));
            p.setProperty("inflight.db", address(stores.inflight()));
            p.setProperty("postflight.shards", "shard0=" + address(stores.shards().get("shard0")));
        }
        settings.forEach(p::setProperty);
        this.config = home.resolve("chaos.properties");
        try (Writer w = Files.newBufferedWriter(config)) {
            p.store(w, "flightpath chaos");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        if (up) {
            commands.put("up", List.of("up", "--home", home.toString(), "--config", config.toString(), "--keep-cluster"));
        } else {
            for (String service : listens.keySet()) {
                commands.put(service, List.of("serve", service, "--config", config.toString()));
            }
        }
        commands.keySet().forEach(this::start);
    }

    private static String address(DatabaseConfig db) {
        return db.host() + ":" + db.port() + "/" + db.database();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** The processes, by name: "up", or "control", "postflight", "inflight", "billing", "api". */
    List<String> names() {
        return List.copyOf(commands.keySet());
    }

    /** Starts the process and waits until every service it runs answers /health. */
    void start(String name) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(commands.get(name));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve(name + ".log").toFile()));
        pb.environment().put("FLIGHTPATH_HOME", home.toString());
        DbCredentials login = logins.get(name);
        if (login != null) {
            pb.environment().put("FLIGHTPATH_DB_USER", login.user());
            pb.environment().put("FLIGHTPATH_DB_PASSWORD", login.password());
        }        try {
            running.put(name, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start flightpath " + String.join(" ", commands.get(name)), e);
        }
        for (URI service : name.equals("up") ? listens.values() : List.of(listens.get(name))) {
            awaitHealthy(name, service);
        }
    }

    private void awaitHealthy(String name, URI service) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest health = HttpRequest.newBuilder(service.resolve("/health")).timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw FlightpathException.unavailable("interrupted while %s started", name);
            }
            if (!running.get(name).isAlive() || System.nanoTime() > deadline) {
                throw FlightpathException.unavailable("flightpath %s did not come up (see %s)", name, home.resolve(name + ".log"));
            }
            try {
                Thread.sleep(100); // polling a process that is starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw FlightpathException.unavailable("interrupted while %s started", name);
            }
        }
    }

    /** kill -9 of the process; returns its pid. */
    long kill(String name) {
        Process p = running.get(name);
        if (p == null) {
            throw FlightpathException.invalid("no chaos process named %s (have %s)", name, names());
        }
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return p.pid();
    }

    /** SIGSTOP or SIGCONT of the process. */
    void signal(String name, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(running.get(name).pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw FlightpathException.internal("kill -%s %d failed", signal, running.get(name).pid());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ServiceClient controlClient() {
        return new ServiceClient("control", control(), token, Duration.ofSeconds(10));
    }

    @Override
    public URI api() {
        return listens.get("api");
    }

    @Override
    public URI events() {
        return listens.get("inflight");
    }

    @Override
    public URI control() {
        return listens.get("control");
    }

    @Override
    public AccountService accounts() {
        return new ControlHttpClient(controlClient());
    }

    @Override
    public RoutingService routing() {
        return new RoutingHttpClient(controlClient());
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(running.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            Process p = running.get(name);
            p.destroy(); // SIGTERM: the services stop as on Ctrl-C
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
