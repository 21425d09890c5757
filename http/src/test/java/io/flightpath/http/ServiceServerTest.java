package io.flightpath.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A service's HTTP face and the client under every service client, talking over a real socket. */
class ServiceServerTest {
    static final String TOKEN = "a-token-of-at-least-16";
    static ServiceServer server;
    static ServiceClient client;

    record Echo(String text) {
    }

    @BeforeAll
    static void start() {
        server = ServiceServer.start("echo", "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 1024,
                ServiceServer.INTERNAL_ERRORS, r -> {
                    r.before(new InternalAuth(TOKEN));
                    r.post("/v1/echo", ctx -> ctx.json(ctx.bodyAsClass(Echo.class)));
                    r.get("/v1/fail/{code}", ctx -> {
                        throw new FlightpathException(ErrorCode.valueOf(ctx.pathParam("code")), "failed on purpose");
                    });
                    r.get("/v1/bug", ctx -> {
                        throw new IllegalStateException("secret detail");
                    });
                });
        client = new ServiceClient("echo", server.uri(), TOKEN, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void jsonGoesThereAndBack() {
        assertThat(client.post("/v1/echo", new Echo("héllo"), Echo.class)).isEqualTo(new Echo("héllo"));
    }

    @Test
    void everyErrorCodeSurvivesTheTripWithItsMessage() {
        for (ErrorCode code : ErrorCode.values()) {
            if (code == ErrorCode.UNAUTHENTICATED) {
                continue; // the route is behind the auth check, which answers first only for bad tokens
            }
            assertThatThrownBy(() -> client.get("/v1/fail/" + code.name(), Map.of(), Echo.class))
                    .isInstanceOf(FlightpathException.class)
                    .hasMessage("failed on purpose")
                    .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(code));
        }
    }

    @Test
    void anUnexpectedExceptionIsInternalAndHidesItsDetail() {
        assertThatThrownBy(() -> client.get("/v1/bug", Map.of(), Echo.class))
                .isInstanceOf(FlightpathException.class)
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.INTERNAL));
    }

    @Test
    void anUnknownRouteIsNotFound() {
        assertThatThrownBy(() -> client.get("/v1/nothing", Map.of(), Echo.class))
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void anOversizedBodyIsRefused() {
        assertThatThrownBy(() -> client.post("/v1/echo", new Echo("x".repeat(4096)), Echo.class))
                .hasMessageContaining("larger than the 1024 bytes")
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void aWrongTokenIsUnauthenticatedButHealthAndMetricsStayOpen() throws Exception {
        ServiceClient stranger = new ServiceClient("echo", server.uri(), "not-the-right-token", Duration.ofSeconds(5));

        assertThatThrownBy(() -> stranger.post("/v1/echo", new Echo("x"), Echo.class))
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThat(stranger.get("/health", Map.of(), Map.class)).containsEntry("status", "up");
        client.post("/v1/echo", new Echo("counted"), Echo.class);
        String metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("flightpath_http_requests_seconds_count{").contains("route=\"/v1/echo\"");
    }

    @Test
    void anUnreachableServiceIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ServiceClient nowhere = new ServiceClient("nowhere", URI.create("http://127.0.0.1:" + closedPort), TOKEN, Duration.ofSeconds(2));

        assertThatThrownBy(() -> nowhere.get("/health", Map.of(), Map.class))
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
}
