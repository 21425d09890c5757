package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.flightpath.shadow.ShadowConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `flightpath shadow --config FILE` and `flightpath serve shadow --config FILE`: a real Shadow
 * started from a settings file in front of two small backends, options over the file, and bad
 * settings refused with one line and a non-zero exit.
 */
class ShadowCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("shadow listening on (\\S+)");
    private static final Pattern REPORT = Pattern.compile("report on (\\S+)");

    @TempDir
    Path dir;

    private final List<HttpServer> backends = new ArrayList<>();
    private final List<Thread> running = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws InterruptedException {
        for (Thread t : running) {
            t.interrupt();
            t.join(Duration.ofSeconds(30));
            assertThat(t.isAlive()).as("the shadow command stops when interrupted").isFalse();
        }
        backends.forEach(s -> s.stop(0));
    }

    /** A backend that answers every GET with a small JSON document naming its status word; counts the shadow requests it got. */
    private URI backend(String status, AtomicInteger shadowed) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (exchange.getRequestHeaders().getFirst("X-Shadow-Request") != null) {
                shadowed.incrementAndGet();
            }
            byte[] body = ("{\"sid\":\"CA0123456789abcdef0123456789abcdef\",\"status\":\"" + status + "\",\"path\":\""
                    + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        backends.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private Path config(String... lines) throws IOException {
        Path file = dir.resolve("flightpath-" + System.nanoTime() + ".properties");
        Files.write(file, List.of(lines));
        return file;
    }

    /** The command running on a thread of its own; returns what it printed once Shadow listens. */
    private Started start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Thread t = Thread.ofPlatform().name("shadow-command").start(() -> cli.execute(args));
        running.add(t);
        await().atMost(Duration.ofSeconds(30)).until(() -> !t.isAlive() || LISTENING.matcher(out.toString()).find()
                && REPORT.matcher(out.toString()).find());
        assertThat(t.isAlive()).as("the command is running; stderr: %s", err).isTrue();
        Matcher proxy = LISTENING.matcher(out.toString());
        Matcher admin = REPORT.matcher(out.toString());
        proxy.find();
        admin.find();
        return new Started(URI.create(proxy.group(1)), URI.create(admin.group(1)), out.toString());
    }

    record Started(URI proxy, URI admin, String printed) {
    }

    /** Runs a command that must fail: its exit code and what it printed on stderr. */
    private static Failed fail(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Failed(code, err.toString());
    }

    record Failed(int code, String err) {
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode endpoints(URI admin) throws IOException, InterruptedException {
        return JSON.readTree(get(admin.resolve("/api/endpoints")).body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void shadowRunsFromTheConfigFileAndReportsTheDifference() throws Exception {
        AtomicInteger shadowed = new AtomicInteger();
        URI stable = backend("completed", new AtomicInteger());
        URI experimental = backend("complete", shadowed);
        int port = freePort();
        Path rules = Files.writeString(dir.resolve("rules.json"), "{\"defaults\": {\"ignore\": [\"path\"]}}");
        Path file = config(
                "# Shadow in front of the two backends",
                "shadow.listen = 127.0.0.1:" + port,
                "shadow.admin-port = 0",
                "shadow.stable = " + stable,
                "shadow.experimental = " + experimental,
                "shadow.rules = " + rules,
                "shadow.data = " + dir.resolve("data"),
                "shadow.secret-headers = Authorization, X-Api-Key",
                "shadow.experimental-timeout = 5s",
                "api.listen = 127.0.0.1:1");   // other services' keys are not Shadow's business

        Started shadow = start("shadow", "--config", file.toString());
        assertThat(shadow.proxy()).isEqualTo(URI.create("http://127.0.0.1:" + port));

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = get(shadow.proxy().resolve("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":\"completed\""); // the stable side's answer
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode e = endpoints(shadow.admin()).get(0);
            assertThat(e.get("endpoint").asText()).isEqualTo("GET /2010-04-01/Accounts/{sid}/Calls.json");
            assertThat(e.get("requests").asLong()).isEqualTo(5);
            assertThat(e.get("differences").asLong()).isEqualTo(5);
            assertThat(e.get("fields").get(0).get("field").asText()).isEqualTo("status");
        });
        assertThat(shadowed.get()).isEqualTo(5);
        assertThat(Files.exists(dir.resolve("data"))).isTrue();
    }

    @Test
    void serveShadowReadsTheSameKeysAndOptionsOverrideTheFile() throws Exception {
        AtomicInteger shadowed = new AtomicInteger();
        URI stable = backend("completed", new AtomicInteger());
        URI experimental = backend("completed", shadowed);
        Path file = config(
                "shadow.listen = 0",
                "shadow.admin-port = 0",
                "shadow.stable = " + stable,
                "shadow.experimental = http://127.0.0.1:1",   // nothing listens there: the option below wins
                "shadow.data = " + dir.resolve("served"));

        Started served = start("serve", "shadow", "--config", file.toString());
        assertThat(served.printed()).contains("experimental http://127.0.0.1:1");
        get(served.proxy().resolve("/a"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(endpoints(served.admin()).get(0).get("errors").asLong()).isEqualTo(1));

        Started overridden = start("shadow", "--config", file.toString(), "--experimental", experimental.toString(),
                "--data", dir.resolve("overridden").toString());
        assertThat(get(overridden.proxy().resolve("/a")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode e = endpoints(overridden.admin()).get(0);
            assertThat(e.get("matches").asLong()).isEqualTo(1);
            assertThat(e.get("errors").asLong()).isZero();
        });
        assertThat(shadowed.get()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("overridden"))).isTrue();
    }

    @Test
    void everyKeyReachesTheConfiguration() {
        Settings s = Settings.of(Map.ofEntries(
                Map.entry("shadow.listen", "9100"),
                Map.entry("shadow.host", "0.0.0.0"),
                Map.entry("shadow.admin-port", "9101"),
                Map.entry("shadow.stable", "http://10.0.0.1:8080"),
                Map.entry("shadow.experimental", "http://10.0.0.2:8080/base"),
                Map.entry("shadow.secondary", "https://10.0.0.3"),
                Map.entry("shadow.data", "/var/lib/shadow"),
                Map.entry("shadow.secret-headers", "Authorization,X-Api-Key"),
                Map.entry("shadow.stable-timeout", "5s"),
                Map.entry("shadow.experimental-timeout", "500ms"),
                Map.entry("shadow.mirror-capacity", "64"),
                Map.entry("shadow.max-body-bytes", "2048"),
                Map.entry("shadow.compare-body-bytes", "1024"),
                Map.entry("shadow.samples-per-field", "2"),
                Map.entry("shadow.max-samples", "20"),
                Map.entry("shadow.noise-relative", "0.5"),
                Map.entry("shadow.noise-absolute", "0.01")));
        ShadowConfig c = ShadowSettings.config(s);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.listenPort()).isEqualTo(9100);
        assertThat(c.adminPort()).isEqualTo(9101);
        assertThat(c.stable()).isEqualTo(URI.create("http://10.0.0.1:8080"));
        assertThat(c.experimental()).isEqualTo(URI.create("http://10.0.0.2:8080/base"));
        assertThat(c.secondary()).isEqualTo(URI.create("https://10.0.0.3"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/shadow"));
        assertThat(c.secretHeaders()).containsExactlyInAnyOrder("Authorization", "X-Api-Key");
        assertThat(c.stableTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.experimentalTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.mirrorCapacity()).isEqualTo(64);
        assertThat(c.maxBodyBytes()).isEqualTo(2048);
        assertThat(c.compareBodyBytes()).isEqualTo(1024);
        assertThat(c.samplesPerField()).isEqualTo(2);
        assertThat(c.maxSamples()).isEqualTo(20);
        assertThat(c.noiseRelative()).isEqualTo(0.5);
        assertThat(c.noiseAbsolute()).isEqualTo(0.01);

        ShadowConfig defaults = ShadowSettings.config(Settings.of(Map.of("shadow.stable", "http://a", "shadow.experimental", "http://b")));
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.listenPort()).isEqualTo(9000);
        assertThat(defaults.adminPort()).isEqualTo(9001);
        assertThat(defaults.dataDir()).isEqualTo(Path.of(".flightpath", "shadow"));
        assertThat(defaults.secretHeaders()).containsExactlyInAnyOrder("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie");
    }

    @Test
    void environmentVariablesOverrideTheFileAndOptionsOverrideBoth() throws IOException {
        Path file = config("shadow.stable = http://file:1", "shadow.experimental = http://file:2", "shadow.admin-port = 7001",
                "shadow.listen = 7000");
        Settings s = Settings.load(file, Map.of("FLIGHTPATH_SHADOW_ADMIN_PORT", "7101", "FLIGHTPATH_SHADOW_LISTEN", "7100",
                "FLIGHTPATH_HOME", "/srv/fp"));
        ShadowConfig fromEnv = ShadowSettings.config(s);
        assertThat(fromEnv.adminPort()).isEqualTo(7101);
        assertThat(fromEnv.listenPort()).isEqualTo(7100);
        assertThat(fromEnv.stable()).isEqualTo(URI.create("http://file:1"));
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/srv/fp", "shadow"));
        ShadowConfig fromOption = ShadowSettings.config(s.with("shadow.admin-port", "7201"));
        assertThat(fromOption.adminPort()).isEqualTo(7201);
    }

    @Test
    void aMissingOrInvalidKeyOrFileIsOneLineAndANonZeroExit() throws IOException {
        String stable = "shadow.stable = http://127.0.0.1:1";
        String experimental = "shadow.experimental = http://127.0.0.1:2";
        Map<Path, String> cases = new java.util.LinkedHashMap<>();
        cases.put(dir.resolve("absent.properties"), "config file " + dir.resolve("absent.properties") + " does not exist");
        cases.put(config(experimental), "shadow.stable must be set (in ");
        cases.put(config(stable), "shadow.experimental must be set");
        cases.put(config(stable, experimental, "shadow.listen = nine"), "shadow.listen must be PORT or HOST:PORT (port 0 to 65535), was 'nine'");
        cases.put(config(stable, experimental, "shadow.listen = 127.0.0.1:70000"), "shadow.listen must be PORT or HOST:PORT");
        cases.put(config(stable, experimental, "shadow.admin-port = -1"), "shadow.admin-port must be a whole number from 0 to 65535, was '-1'");
        cases.put(config("shadow.stable = ftp://x", experimental), "shadow.stable must be an http(s) URL, was 'ftp://x'");
        cases.put(config(stable, "shadow.experimental = http://x/?a=1"), "shadow.experimental must be an http(s) URL without a query");
        cases.put(config(stable, experimental, "shadow.secondary = not a url"), "shadow.secondary must be an http(s) URL");
        cases.put(config(stable, experimental, "shadow.rules = " + dir.resolve("none.json")), "shadow.rules: the rules file");
        cases.put(config(stable, experimental, "shadow.stable-timeout = 0s"), "shadow.stable-timeout must be longer than 0");
        cases.put(config(stable, experimental, "shadow.experimental-timeout = soon"), "shadow.experimental-timeout must be a duration");
        cases.put(config(stable, experimental, "shadow.noise-relative = 2"), "shadow.noise-relative must be a number from 0");
        cases.put(config(stable, experimental, "shadow.max-body-bytes = 100", "shadow.compare-body-bytes = 200"),
                "shadow.compare-body-bytes must be a whole number from 1 to 100, was '200'");
        cases.put(config(stable, experimental, "shadow.secret-headers = Authorization, X Key"), "shadow.secret-headers must be header names");
        cases.put(config(stable, experimental, "shadow.listen = 127.0.0.1:9000", "shadow.host = 0.0.0.0"),
                "shadow.listen says host 127.0.0.1 but shadow.host says 0.0.0.0");
        cases.put(config(stable, experimental, "shadow.experimantal = http://x"), "unknown key shadow.experimantal in ");
        Path badRules = Files.writeString(dir.resolve("bad-rules.json"), "{\"defaults\": {\"ignored\": []}}");
        cases.put(config(stable, experimental, "shadow.rules = " + badRules, "shadow.listen = 0", "shadow.admin-port = 0",
                "shadow.data = " + dir.resolve("d")), "rules file " + badRules);
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            for (List<String> command : List.of(List.of("shadow", "--config"), List.of("serve", "shadow", "--config"))) {
                List<String> args = new ArrayList<>(command);
                args.add(c.getKey().toString());
                Failed f = fail(args.toArray(String[]::new));
                assertThat(f.code()).as("exit code of %s", args).isNotZero();
                assertThat(f.err().lines().toList()).as("stderr of %s", args).hasSize(1);
                assertThat(f.err()).as("stderr of %s", args).startsWith("flightpath: ").contains(c.getValue());
            }
        }
        Failed noStable = fail("shadow", "--experimental", "http://127.0.0.1:2");
        assertThat(noStable.code()).isNotZero();
        assertThat(noStable.err().lines().toList()).hasSize(1);
        assertThat(noStable.err()).contains("shadow.stable must be set").contains("--stable");
        Failed badOption = fail("shadow", "--config", config(stable, experimental).toString(), "--listen", "x:y:z");
        assertThat(badOption.err().lines().toList()).hasSize(1);
        assertThat(badOption.err()).contains("shadow.listen must be PORT or HOST:PORT");
        assertThat(badOption.code()).isNotZero();
    }
}
