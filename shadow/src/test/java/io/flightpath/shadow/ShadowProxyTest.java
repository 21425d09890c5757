package io.flightpath.shadow;

import static io.flightpath.shadow.FakeApi.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightpath.core.FlightpathException;
import io.flightpath.shadow.report.EndpointView;
import io.flightpath.shadow.report.FieldView;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shadow in front of two (or three) real HTTP servers with injected differences and noise. */
class ShadowProxyTest {
    static final String BASE = "/2010-04-01/Accounts/" + ACCOUNT;
    static final List<String> PATHS = List.of(
            BASE + "/Calls/CA0123456789abcdef0123456789abcdef.json",
            BASE + "/Calls.json",
            BASE + "/Messages/SM0123456789abcdef0123456789abcdef.json",
            BASE + "/Recordings/RE0123456789abcdef0123456789abcdef.json",
            BASE + ".json");
    static final Set<String> INJECTED = Set.of(
            "GET /2010-04-01/Accounts/{sid}/Calls/{sid}.json status",
            "GET /2010-04-01/Accounts/{sid}/Calls.json calls",
            "GET /2010-04-01/Accounts/{sid}/Messages/{sid}.json code",
            "GET /2010-04-01/Accounts/{sid}.json friendly_name");

    @TempDir
    Path dir;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    ShadowConfig.Builder config(FakeApi stable, FakeApi experimental) {
        return ShadowConfig.builder(stable.uri(), experimental.uri()).dataDir(dir.resolve("data"));
    }

    Path rules(String json) throws IOException {
        return Files.writeString(dir.resolve("rules.json"), json);
    }

    HttpResponse<byte[]> get(ShadowProxy shadow, String path) {
        return send(HttpRequest.newBuilder(shadow.uri().resolve(path)).header("Authorization", "Basic c2VjcmV0LXRva2Vu")
                .header("Cookie", "session=cookie-secret").GET().build());
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends every path {@code rounds} times and checks each answer is one the stable side sent, byte for byte. */
    void traffic(ShadowProxy shadow, FakeApi stable, int rounds) {
        for (int i = 0; i < rounds; i++) {
            for (String path : PATHS) {
                assertFromStable(get(shadow, path), stable);
            }
        }
    }

    static void assertFromStable(HttpResponse<byte[]> r, FakeApi stable) {
        assertThat(r.headers().firstValue("X-Side")).hasValue("stable");
        assertThat(stable.sent).anySatisfy(s -> {
            assertThat(s.status()).isEqualTo(r.statusCode());
            assertThat(r.headers().firstValue("Content-Type")).hasValue(s.contentType());
            assertThat(Arrays.equals(s.body(), r.body())).isTrue();
        });
    }

    static Set<String> reported(ShadowProxy shadow, String verdict) {
        Set<String> out = new TreeSet<>();
        for (EndpointView e : shadow.report().endpoints()) {
            for (FieldView f : e.fields()) {
                if (f.verdict().equals(verdict)) {
                    out.add(e.endpoint() + " " + f.field());
                }
            }
        }
        return out;
    }

    void awaitCompared(ShadowProxy shadow, long total) {
        await().atMost(Duration.ofSeconds(20)).until(() -> shadow.report().endpoints().stream()
                .mapToLong(e -> e.compared() + e.errors()).sum() >= total);
    }

    @Test
    void withRulesShadowReportsExactlyTheInjectedDifferencesAndRuledNoiseAsNoise() throws Exception {
        FakeApi stable = opened(new FakeApi("stable", false));
        FakeApi experimental = opened(new FakeApi("experimental", true));
        ShadowProxy shadow = opened(ShadowProxy.start(config(stable, experimental)
                .rules(rules("{\"defaults\": {\"typed\": [\"**.sid\"], \"ignore\": [\"**.date_updated\", \"**.date_created\"]}}"))
                .build()));

        traffic(shadow, stable, 4);
        awaitCompared(shadow, 20);

        assertThat(reported(shadow, "difference")).isEqualTo(INJECTED);
        assertThat(reported(shadow, "noise")).contains(
                "GET /2010-04-01/Accounts/{sid}/Calls/{sid}.json date_updated",
                "GET /2010-04-01/Accounts/{sid}/Calls.json date_updated",
                "GET /2010-04-01/Accounts/{sid}/Recordings/{sid}.json date_created");
        EndpointView recordings = shadow.report().endpoint("GET /2010-04-01/Accounts/{sid}/Recordings/{sid}.json").orElseThrow();
        assertThat(recordings.noise()).isEqualTo(4);
        assertThat(recordings.matchRate()).isEqualTo(1.0);
        assertThat(experimental.shadowHeaders).hasSize(20).containsOnly("experimental");
    }

    @Test
    void withASecondaryTheNoiseIsFoundWithoutRules() throws Exception {
        FakeApi stable = opened(new FakeApi("stable", false));
        FakeApi experimental = opened(new FakeApi("experimental", true));
        FakeApi secondary = opened(new FakeApi("secondary", false));
        // SIDs generated per response make list elements unequal; typing them lets the order be seen
        ShadowProxy shadow = opened(ShadowProxy.start(config(stable, experimental).secondary(secondary.uri())
                .rules(rules("{\"endpoints\": {\"/2010-04-01/Accounts/{account}/Calls.json\": {\"typed\": [\"calls[].sid\"]}}}"))
                .build()));

        traffic(shadow, stable, 4);
        awaitCompared(shadow, 20);

        assertThat(reported(shadow, "difference")).isEqualTo(Set.of(
                "GET /2010-04-01/Accounts/{sid}/Calls/{sid}.json status",
                "GET /2010-04-01/Accounts/{account}/Calls.json calls",
                "GET /2010-04-01/Accounts/{sid}/Messages/{sid}.json code",
                "GET /2010-04-01/Accounts/{sid}.json friendly_name"));
        assertThat(reported(shadow, "noise")).contains(
                "GET /2010-04-01/Accounts/{sid}/Calls/{sid}.json date_updated",
                "GET /2010-04-01/Accounts/{sid}/Recordings/{sid}.json date_created");
        assertThat(secondary.shadowHeaders).containsOnly("secondary");
    }

    @Test
    void killingTheExperimentalSideChangesNothingForTheClientAndCountsErrors() {
        FakeApi stable = opened(new FakeApi("stable", false));
        FakeApi experimental = new FakeApi("experimental", true);
        ShadowProxy shadow = opened(ShadowProxy.start(config(stable, experimental).experimentalTimeout(Duration.ofSeconds(2)).build()));
        String path = PATHS.get(3);
        for (int i = 0; i < 10; i++) {
            assertFromStable(get(shadow, path), stable);
        }
        experimental.close();
        for (int i = 0; i < 10; i++) {
            assertFromStable(get(shadow, path), stable);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            EndpointView e = shadow.report().endpoint("GET /2010-04-01/Accounts/{sid}/Recordings/{sid}.json").orElseThrow();
            assertThat(e.requests()).isEqualTo(20);
            assertThat(e.compared() + e.errors()).isEqualTo(20);
            assertThat(e.errors()).isGreaterThanOrEqualTo(10);
        });
        assertThat(shadow.samples().list("GET /2010-04-01/Accounts/{sid}/Recordings/{sid}.json", ":error"))
                .first().satisfies(s -> assertThat(s.error()).contains("experimental connection"));
    }

    @Test
    void anUnreachableStableSideIsA502InShadowsOwnShape() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        FakeApi experimental = opened(new FakeApi("experimental", true));
        ShadowProxy shadow = opened(ShadowProxy.start(ShadowConfig.builder(URI.create("http://127.0.0.1:" + closed), experimental.uri())
                .dataDir(dir.resolve("data")).build()));
        HttpResponse<byte[]> r = get(shadow, "/2010-04-01/Accounts.json");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("X-Shadow-Error")).hasValue("stable_connection");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("{\"shadow_error\":\"stable_connection\",\"message\":\"stable at http://127.0.0.1:");
        assertThat(shadow.report().endpoint("GET /2010-04-01/Accounts.json").orElseThrow().stableErrors()).isEqualTo(1);
    }

    @Test
    void oversizedAndNonUtf8BodiesPassThroughOrAreRefusedClearlyAndCounted() {
        FakeApi stable = opened(new FakeApi("stable", false));
        FakeApi experimental = opened(new FakeApi("experimental", true));
        ShadowProxy shadow = opened(ShadowProxy.start(config(stable, experimental)
                .maxBodyBytes(64 * 1024).compareBodyBytes(1024).build()));

        HttpResponse<byte[]> binary = get(shadow, "/binary");
        assertFromStable(binary, stable);
        HttpResponse<byte[]> big = get(shadow, "/big?bytes=4000");
        assertThat(big.body()).hasSize(4000);
        assertFromStable(big, stable);
        HttpResponse<byte[]> tooBig = get(shadow, "/big?bytes=100000");
        assertThat(tooBig.statusCode()).isEqualTo(502);
        assertThat(tooBig.headers().firstValue("X-Shadow-Error")).hasValue("stable_too_large");
        HttpResponse<byte[]> post = send(HttpRequest.newBuilder(shadow.uri().resolve("/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])).build());
        assertThat(post.statusCode()).isEqualTo(413);
        assertThat(post.headers().firstValue("X-Shadow-Error")).hasValue("request_too_large");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(shadow.report().endpoint("GET /binary").orElseThrow().matches()).isEqualTo(1);
            assertThat(shadow.report().endpoint("GET /big").orElseThrow().errors()).isEqualTo(1);
        });
    }

    @Test
    void stateChangingRequestsGoToTheStableSideOnlyUnlessTheRulesMirrorThem() throws Exception {
        FakeApi stable = opened(new FakeApi("stable", false));
        FakeApi experimental = opened(new FakeApi("experimental", true));
        ShadowProxy shadow = opened(ShadowProxy.start(config(stable, experimental)
                .rules(rules("{\"endpoints\": {\"/mirrored\": {\"mirror\": [\"POST\"], \"typed\": [\"sid\"], \"ignore\": [\"date_created\"]}}}"))
                .build()));
        HttpRequest.BodyPublisher form = HttpRequest.BodyPublishers.ofString("To=%2B1&From=%2B2");
        assertThat(send(HttpRequest.newBuilder(shadow.uri().resolve(BASE + "/Calls.json")).POST(form).build()).statusCode()).isEqualTo(201);
        assertThat(send(HttpRequest.newBuilder(shadow.uri().resolve("/mirrored")).POST(form).build()).statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> shadow.report().endpoint("POST /mirrored").orElseThrow().compared() == 1);
        assertThat(stable.posts).hasValue(2);
        assertThat(experimental.posts).hasValue(1);
        assertThat(shadow.report().endpoint("POST /2010-04-01/Accounts/{sid}/Calls.json").orElseThrow().notMirrored()).isEqualTo(1);
        assertThat(shadow.report().endpoint("POST /mirrored").orElseThrow().noise()).isEqualTo(1);
    }

    @Test
    void samplesAndCountsSurviveARestartAndNeverHoldSecrets() throws Exception {
        FakeApi stable = opened(new FakeApi("stable", false));
        FakeApi experimental = opened(new FakeApi("experimental", true));
        ShadowConfig config = config(stable, experimental).samplesPerField(2).build();
        ShadowProxy first = ShadowProxy.start(config);
        traffic(first, stable, 3);
        awaitCompared(first, 15);
        String endpoint = "GET /2010-04-01/Accounts/{sid}/Calls/{sid}.json";
        assertThat(first.samples().list(endpoint, "status")).hasSize(2);
        first.close();

        String stored = Files.readString(dir.resolve("data/samples.jsonl"));
        assertThat(stored).contains("[redacted]").doesNotContain("c2VjcmV0LXRva2Vu").doesNotContain("cookie-secret");

        ShadowProxy second = opened(ShadowProxy.start(config));
        assertThat(second.report().endpoint(endpoint).orElseThrow().differences()).isEqualTo(3);
        assertThat(second.samples().list(endpoint, "status")).hasSize(2)
                .allSatisfy(s -> assertThat(s.requestHeaders().get("Authorization")).containsExactly("[redacted]"));
        Map<String, Long> byField = second.report().endpoint(endpoint).orElseThrow().fields().stream()
                .collect(Collectors.toMap(FieldView::field, FieldView::differences, (a, b) -> a, TreeMap::new));
        assertThat(byField).containsEntry("status", 3L);
    }

    @Test
    void aFullMirrorDropsAndCountsWithoutDelayingTheClient() {
        FakeApi stable = opened(new FakeApi("stable", false));
        FakeApi experimental = opened(new FakeApi("experimental", true));
        experimental.hold = new CountDownLatch(1);
        ShadowProxy shadow = opened(ShadowProxy.start(config(stable, experimental).mirrorCapacity(1).build()));
        for (int i = 0; i < 3; i++) {
            assertFromStable(get(shadow, "/slow"), stable); // answered while the experimental side still holds the first
        }
        EndpointView held = shadow.report().endpoint("GET /slow").orElseThrow();
        assertThat(held.dropped()).isEqualTo(2);
        assertThat(held.compared()).isZero();
        experimental.hold.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> shadow.report().endpoint("GET /slow").orElseThrow().compared() == 1);
    }

    @Test
    void theReportIsServedAsJsonAndPrometheusMetrics() {
        FakeApi stable = opened(new FakeApi("stable", false));
        FakeApi experimental = opened(new FakeApi("experimental", true));
        ShadowProxy shadow = opened(ShadowProxy.start(config(stable, experimental).build()));
        get(shadow, PATHS.get(2));
        String endpoint = "GET /2010-04-01/Accounts/{sid}/Messages/{sid}.json";
        await().atMost(Duration.ofSeconds(20)).until(() -> shadow.report().endpoint(endpoint).orElseThrow().compared() == 1);

        String endpoints = new String(send(HttpRequest.newBuilder(shadow.adminUri().resolve("/api/endpoints")).build()).body(), StandardCharsets.UTF_8);
        assertThat(endpoints).contains("\"endpoint\":\"" + endpoint + "\"").contains("\"differences\":1")
                .contains("{\"field\":\"code\",\"differences\":1,\"noise\":0,\"secondary\":0,\"verdict\":\"difference\"}");
        String samples = new String(send(HttpRequest.newBuilder(shadow.adminUri().resolve("/api/samples?field=code&endpoint="
                + URLEncoder.encode(endpoint, StandardCharsets.UTF_8))).build()).body(), StandardCharsets.UTF_8);
        assertThat(samples).contains("\"path\":\"code\"").contains("\"stable\":\"20404\"").contains("\"experimental\":\"20005\"");
        assertThat(send(HttpRequest.newBuilder(shadow.adminUri().resolve("/api/endpoint?name=nothing")).build()).statusCode()).isEqualTo(404);
        String metrics = new String(send(HttpRequest.newBuilder(shadow.adminUri().resolve("/metrics")).build()).body(), StandardCharsets.UTF_8);
        assertThat(metrics)
                .contains("shadow_comparisons_total{endpoint=\"" + endpoint + "\",outcome=\"different\"} 1.0")
                .contains("shadow_field_differences_total{endpoint=\"" + endpoint + "\",field=\"code\",verdict=\"difference\"} 1.0");
    }

    @Test
    void aBadConfigNamesTheFieldAndValue() {
        assertThatThrownBy(() -> ShadowConfig.builder(URI.create("http://a:1"), URI.create("ftp://b")).build())
                .isInstanceOf(FlightpathException.class)
                .hasMessage("experimental must be an http(s) URL with a host and no query, was 'ftp://b'");
        assertThatThrownBy(() -> ShadowConfig.builder(URI.create("http://a:1"), URI.create("http://b:2")).mirrorCapacity(0).build())
                .hasMessage("mirrorCapacity must be >= 1, was 0");
    }

    @Test
    void aMalformedRulesFileStopsTheStartWithOneMessage() throws Exception {
        FakeApi stable = opened(new FakeApi("stable", false));
        Path bad = rules("{\"defaults\": {\"tolerance\": {\"price\": \"a lot\"}}}");
        assertThatThrownBy(() -> ShadowProxy.start(config(stable, stable).rules(bad).build()))
                .isInstanceOf(FlightpathException.class)
                .hasMessage("rules file " + bad + ": defaults.tolerance.price must be a number >= 0, was \"a lot\"");
    }
}
