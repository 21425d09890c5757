package io.flightpath.shadow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upstream client against a scripted raw-socket server: framing, keep-alive, failures. */
class UpstreamTest {
    private ScriptedServer server;
    private Upstream upstream;

    @AfterEach
    void close() throws IOException {
        if (upstream != null) {
            upstream.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Answers each request on a connection with the next scripted response; null closes the
     * connection instead; a response of HTTP/1.0 or with {@code Connection: close} closes it after
     * it is written; past the script's end the connection stays open and silent.
     */
    static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0);
        final AtomicInteger connections = new AtomicInteger();
        final Queue<String> requests = new ConcurrentLinkedQueue<>();

        ScriptedServer(List<String> perConnection) throws IOException {
            Thread.ofPlatform().daemon().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                        serve(s, perConnection);
                    } catch (IOException e) {
                        return; // the server socket closed: the test is over
                    }
                }
            });
        }

        private void serve(Socket s, List<String> responses) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            for (String response : responses) {
                StringBuilder head = new StringBuilder();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    head.append(line).append('\n');
                }
                requests.add(head.toString());
                if (response == null) {
                    return;
                }
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (response.startsWith("HTTP/1.0") || response.contains("\r\nConnection: close\r\n")) {
                    return;
                }
            }
            while (in.read() >= 0) {
                // the script is over: hold the connection, answering nothing, until the client leaves
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    Upstream upstream(List<String> perConnection, Duration timeout, int maxBody) throws IOException {
        server = new ScriptedServer(perConnection);
        upstream = new Upstream("stable", server.uri(), timeout, maxBody);
        return upstream;
    }

    static ProxiedRequest get(String path, Map<String, List<String>> headers) {
        return new ProxiedRequest("GET", path, null, headers, new byte[0]);
    }

    static ProxiedRequest request(String method, String path) {
        return new ProxiedRequest(method, path, null, Map.of(), new byte[0]);
    }

    static String body(Exchange e) {
        return new String(e.response().body(), StandardCharsets.UTF_8);
    }

    @Test
    void contentLengthAndChunkedBodiesArriveWholeOnOneKeptAliveConnection() throws IOException {
        Upstream u = upstream(List.of(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"bc\"}\n",
                "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\nX-Trace: 1\r\nX-Trace: 2\r\n\r\n4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nTrailer: x\r\n\r\n"),
                Duration.ofSeconds(10), 1024);

        Exchange first = u.send(get("/one", Map.of("Accept", List.of("application/json"))), Map.of("X-Shadow-Request", "experimental"));
        Exchange second = u.send(get("/two", Map.of()), Map.of());

        assertThat(first.ok()).isTrue();
        assertThat(new String(first.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"bc\"}\n");
        assertThat(first.response().header("content-type")).isEqualTo("application/json");
        assertThat(second.response().status()).isEqualTo(404);
        assertThat(new String(second.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(second.response().headers().get("X-Trace")).containsExactly("1", "2");
        assertThat(server.connections).hasValue(1);
        assertThat(server.requests.peek()).startsWith("GET /one HTTP/1.1\nHost: 127.0.0.1:")
                .contains("Accept: application/json\n").contains("X-Shadow-Request: experimental\n");
    }

    @Test
    void aConnectionThePeerClosedWhileIdleIsReplacedWithoutFailingTheCall() throws IOException {
        // each connection answers once, then closes when the next request arrives, as a server whose idle timeout passed
        Upstream u = upstream(Arrays.asList("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", null),
                Duration.ofSeconds(10), 1024);

        assertThat(u.send(get("/a", Map.of()), Map.of()).ok()).isTrue();
        Exchange retried = u.send(get("/b", Map.of()), Map.of());

        assertThat(retried.ok()).isTrue();
        assertThat(new String(retried.response().body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(server.connections).hasValue(2);
    }

    @Test
    void anUpstreamThatNeverAnswersIsATimeout() throws IOException {
        Upstream u = upstream(List.of(), Duration.ofMillis(300), 1024);

        Exchange e = u.send(get("/slow", Map.of()), Map.of());

        assertThat(e.failure().kind()).isEqualTo(Failure.Kind.TIMEOUT);
        assertThat(e.failure().message()).isEqualTo("stable did not answer within PT0.3S");
    }

    @Test
    void bodiesOverTheBoundAreTooLargeWhateverTheirFraming() throws IOException {
        Upstream u = upstream(List.of("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n"), Duration.ofSeconds(10), 1024);
        assertThat(u.send(get("/big", Map.of()), Map.of()).failure().kind()).isEqualTo(Failure.Kind.TOO_LARGE);
        close();

        Upstream chunked = upstream(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n" + "x".repeat(512)
                + "\r\n400\r\n" + "x".repeat(1024) + "\r\n0\r\n\r\n"), Duration.ofSeconds(10), 1024);
        assertThat(chunked.send(get("/big", Map.of()), Map.of()).failure().kind()).isEqualTo(Failure.Kind.TOO_LARGE);
    }

    @Test
    void aHeaderThatWouldSmuggleASecondRequestIsRefusedUnsent() throws IOException {
        Upstream u = upstream(List.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), Duration.ofSeconds(10), 1024);

        Exchange e = u.send(get("/a", Map.of("X-Evil", List.of("1\r\nGET /admin HTTP/1.1"))), Map.of());

        assertThat(e.failure().kind()).isEqualTo(Failure.Kind.REFUSED_REQUEST);
        assertThat(server.connections).hasValue(0);
    }

    @Test
    void aPostIsNeverSentAgainWhenItsReusedConnectionFailsBeforeAnAnswer() throws IOException {
        // the connection answers the GET, then closes on the POST without answering: the POST may have been acted on
        Upstream u = upstream(Arrays.asList("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", null),
                Duration.ofSeconds(10), 1024);

        assertThat(u.send(get("/a", Map.of()), Map.of()).ok()).isTrue();
        Exchange post = u.send(request("POST", "/2010-04-01/Accounts/AC1/Calls.json"), Map.of());

        assertThat(post.ok()).isFalse();
        assertThat(post.failure().kind()).isEqualTo(Failure.Kind.CONNECTION);
        assertThat(server.requests.stream().filter(r -> r.startsWith("POST "))).hasSize(1);
        assertThat(server.connections).hasValue(1);
    }

    @Test
    void aNegativeOrMalformedContentLengthIsAFailedCallNotAnException() throws IOException {
        for (String length : List.of("-5", "+5", "5x", "", "99999999999999999999", "5, 6")) {
            Upstream u = upstream(List.of("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\nhello"),
                    Duration.ofSeconds(10), 1024);

            Exchange e = u.send(get("/a", Map.of()), Map.of());

            assertThat(e.ok()).as("Content-Length '%s'", length).isFalse();
            assertThat(e.failure().kind()).isEqualTo(Failure.Kind.CONNECTION);
            assertThat(e.failure().message()).contains("Content-Length");
            close();
        }
    }

    @Test
    void twoContentLengthFieldsThatDisagreeAreRefusedAndEqualOnesAreOne() throws IOException {
        Upstream u = upstream(List.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nokk"), Duration.ofSeconds(10), 1024);

        assertThat(body(u.send(get("/same", Map.of()), Map.of()))).isEqualTo("ok");
        assertThat(u.send(get("/differ", Map.of()), Map.of()).failure().message()).contains("conflicting Content-Length");
    }

    @Test
    void aNegativeChunkSizeIsAFailedCall() throws IOException {
        Upstream u = upstream(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"),
                Duration.ofSeconds(10), 1024);

        assertThat(u.send(get("/a", Map.of()), Map.of()).failure().message()).contains("chunk size");
    }

    @Test
    void anHttp10BodyRunsToTheCloseAndTheConnectionIsNotReused() throws IOException {
        Upstream u = upstream(List.of("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the close"),
                Duration.ofSeconds(10), 1024);

        Exchange first = u.send(get("/a", Map.of()), Map.of());
        Exchange second = u.send(get("/b", Map.of()), Map.of());

        assertThat(body(first)).isEqualTo("until the close");
        assertThat(body(second)).isEqualTo("until the close");
        assertThat(server.connections).hasValue(2);
    }

    @Test
    void anHttp11BodyWithoutLengthRunsToTheClose() throws IOException {
        Upstream u = upstream(List.of("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"a\":1}"), Duration.ofSeconds(10), 1024);

        assertThat(body(u.send(get("/a", Map.of()), Map.of()))).isEqualTo("{\"a\":1}");
    }

    @Test
    void interimResponsesAreSkippedForTheFinalOne() throws IOException {
        Upstream u = upstream(List.of("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"), Duration.ofSeconds(10), 1024);

        Exchange e = u.send(get("/a", Map.of()), Map.of());

        assertThat(e.response().status()).isEqualTo(201);
        assertThat(body(e)).isEqualTo("ok");
        assertThat(e.response().headers()).doesNotContainKey("Link");
    }

    @Test
    void headAnd204And304HaveNoBodyWhateverTheirHeadersSayAndKeepTheConnection() throws IOException {
        // a client that read a body for any of them would wait for bytes the server never sends: a timeout, not "ok"
        Upstream u = upstream(List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n",
                "HTTP/1.1 204 No Content\r\n\r\n",
                "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), Duration.ofSeconds(10), 1024);

        Exchange head = u.send(request("HEAD", "/a"), Map.of());
        Exchange noContent = u.send(request("DELETE", "/b"), Map.of());
        Exchange notModified = u.send(get("/c", Map.of()), Map.of());
        Exchange last = u.send(get("/d", Map.of()), Map.of());

        assertThat(head.response().status()).isEqualTo(200);
        assertThat(head.response().body()).isEmpty();
        assertThat(head.response().header("content-length")).isEqualTo("5");
        assertThat(noContent.response().status()).isEqualTo(204);
        assertThat(noContent.response().body()).isEmpty();
        assertThat(notModified.response().status()).isEqualTo(304);
        assertThat(notModified.response().body()).isEmpty();
        assertThat(body(last)).isEqualTo("ok");
        assertThat(server.connections).hasValue(1);
    }
}
