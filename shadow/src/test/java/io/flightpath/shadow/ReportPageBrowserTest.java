package io.flightpath.shadow;

import static io.flightpath.shadow.FakeApi.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page read by a real headless Chromium (the system's {@code chromium} package).
 * Skipped, with a message saying so, on machines without a Chromium binary; {@code -Dchromium=PATH} picks one.
 */
class ReportPageBrowserTest {
    private static final List<String> BINARIES = List.of("chromium", "chromium-browser", "google-chrome");

    @TempDir
    Path dir;

    /** The binary named by {@code -Dchromium=PATH} if given, else the first Chromium on PATH. */
    static Optional<Path> chromium() {
        String chosen = System.getProperty("chromium");
        if (chosen != null) {
            return Optional.of(Path.of(chosen)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).flatMap(d -> BINARIES.stream().map(b -> Path.of(d, b)))
                .filter(Files::isExecutable).findFirst();
    }

    String dumpDom(Path chromium, URI page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--dump-dom", page.toString())
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium exits").isTrue();
        assertThat(p.exitValue()).as("chromium's exit status; its log: %s", Files.readString(dir.resolve("chromium.log"))).isZero();
        return new String(dom, StandardCharsets.UTF_8);
    }

    @Test
    void aPersonDrillsFromEndpointsToFieldsToASideBySideSample() throws Exception {
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(),
                "no Chromium binary (-Dchromium, or chromium, chromium-browser or google-chrome on PATH): install one (apt-get install -y chromium) to run this test");
        try (FakeApi stable = new FakeApi("stable", false); FakeApi experimental = new FakeApi("experimental", true);
             ShadowProxy shadow = ShadowProxy.start(ShadowConfig.builder(stable.uri(), experimental.uri())
                     .dataDir(dir.resolve("data")).build())) {
            HttpClient client = HttpClient.newHttpClient();
            String path = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls/CA0123456789abcdef0123456789abcdef.json";
            client.send(HttpRequest.newBuilder(shadow.uri().resolve(path)).build(), HttpResponse.BodyHandlers.discarding());
            String endpoint = "GET /2010-04-01/Accounts/{sid}/Calls/{sid}.json";
            await().atMost(Duration.ofSeconds(20)).until(() -> shadow.report().endpoint(endpoint).map(e -> e.compared() == 1).orElse(false));

            String home = dumpDom(chromium.get(), shadow.adminUri().resolve("/"));
            assertThat(home).contains("<table id=\"endpoints\">").contains(endpoint).contains("0.0%");

            String endpointPage = dumpDom(chromium.get(), shadow.adminUri().resolve("/endpoint?name=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8)));
            assertThat(endpointPage).contains("<table id=\"fields\">").contains(">status<").contains(">difference<");
            Matcher link = Pattern.compile("href=\"(/sample/[^\"]+)\"").matcher(endpointPage);
            assertThat(link.find()).as("a link to a sample").isTrue();

            String sample = dumpDom(chromium.get(), shadow.adminUri().resolve(link.group(1)));
            assertThat(sample).contains("<div class=\"sides\">").contains("<div id=\"stable\">").contains("<div id=\"experimental\">")
                    .contains("<mark>  \"status\" : \"completed\",</mark>")
                    .contains("<mark>  \"status\" : \"complete\",</mark>");
        }
    }
}
