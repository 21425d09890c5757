package io.flightpath.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What one client may do to a server: its errors, its metric labels, its connections and how slowly it may talk. */
class ServiceServerLimitsTest {
    static final int PER_CLIENT = 8;
    static final Duration HEAD_DEADLINE = Duration.ofMillis(800);
    static ServiceServer server;
    static PrometheusMeterRegistry metrics;

    @BeforeAll
    static void start() {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = ServiceServer.start("limits", "127.0.0.1", 0, metrics, new ServerLimits(1024, HEAD_DEADLINE, PER_CLIENT),
                ServiceServer.INTERNAL_ERRORS, r -> {
                    r.post("/v1/echo", ctx -> ctx.result(ctx.body()));
                    r.get("/v1/things/{id}", ctx -> ctx.result(ctx.pathParam("id")));
                });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownMethodsAndPathsFoldIntoOneMetricLabel() {
        int before = scrape().length();
        for (int i = 0; i < 300; i++) {
            RawHttp.exchange(server.port(), "BREW" + i + " /nowhere/" + i + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RawHttp.exchange(server.port(), "GET /v1/things/" + i + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        }
        String after = scrape();

        assertThat(after).doesNotContain("BREW").contains("method=\"other\"").contains("route=\"/v1/things/{id}\"");
        // a handful of new series (one per method, route and status seen), not one per request
        assertThat(after.length() - before).isLessThan(20_000);
    }

    @Test
    void errorsJettyAnswersItselfAreJson() {
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put("GARBAGE\r\n\r\n", 400);
        requests.put("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400);
        requests.put("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400);
        requests.put("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
        requests.put("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 431);
        requests.put("GET /health HTTP/7.0\r\nHost: x\r\n\r\n", 505);
        requests.put("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 426);
        requests.forEach((request, status) -> {
            RawHttp.Answer answer = RawHttp.exchange(server.port(), request);
            assertThat(answer.status()).as(answer.head()).isEqualTo(status);
            assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
            JsonNode json = json(answer.body());
            assertThat(json.get("code").asText()).as(answer.body()).isEqualTo(status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT");
            assertThat(json.get("message").asText()).isNotBlank();
        });
    }

    @Test
    void aClientClosingMidBodyIsNeitherA500NorAStackTrace() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ServiceServer.class);
        logger.addAppender(log);
        try {
            for (int i = 0; i < 5; i++) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    socket.getOutputStream().write(("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 900\r\n\r\nonly a part").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains("route=\"/v1/echo\",service=\"limits\",status=\"400\""));
        } finally {
            logger.detachAppender(log);
        }

        assertThat(scrape()).doesNotContainPattern("status=\"5\\d\\d\"");
        assertThat(log.list).allSatisfy(e -> {
            assertThat(e.getThrowableProxy()).isNull();
            assertThat(e.getFormattedMessage()).hasSizeLessThan(200);
        });
    }

    @Test
    void aHeadSentAByteAtATimeIsCutOffAtTheDeadline() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            Thread.ofVirtual().start(() -> {
                try {
                    out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    // far below the deadline between bytes, so the idle timeout never fires: only the head deadline can
                    while (writing.get()) {
                        out.write('X');
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException closed) {
                    writing.set(false);
                }
            });
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readQuietly(socket));

            await().atMost(Duration.ofSeconds(15)).until(read::isDone);
            assertThat(read.get()).isEqualTo(-1);
        } finally {
            writing.set(false);
        }
    }

    @Test
    void aKeptAliveConnectionIdleLongerThanTheDeadlineStillServesItsNextRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            String request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
            Thread.sleep(HEAD_DEADLINE.multipliedBy(2).toMillis()); // idle between requests is the idle timeout's business
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aClientGetsAtMostItsShareOfConnections() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionsFrom(loopback) == 0);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CLIENT; i++) {
                held.add(new Socket("127.0.0.1", server.port()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionsFrom(loopback) == PER_CLIENT);

            try (Socket oneTooMany = new Socket("127.0.0.1", server.port())) {
                oneTooMany.setSoTimeout(10_000);
                assertThat(readQuietly(oneTooMany)).isEqualTo(-1);
            }

            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionsFrom(loopback) == PER_CLIENT - 1);
            assertThat(RawHttp.exchange(server.port(), "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status())
                    .isEqualTo(200);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static int readQuietly(Socket socket) {
        try {
            return socket.getInputStream().read();
        } catch (IOException reset) {
            return -1;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        // /health answers a small JSON body: skip it so the next head starts clean
        String text = head.toString();
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return text;
    }

    private static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String scrape() {
        return metrics.scrape();
    }
}
