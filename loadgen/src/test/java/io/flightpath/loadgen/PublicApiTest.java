package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load's API client over several API nodes: each request goes to the next node in turn. */
class PublicApiTest {
    private final List<HttpServer> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.stop(0));
    }

    private URI node(AtomicInteger served) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] body = "{\"calls\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        nodes.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void requestsAreSpreadOverEveryApiNodeInTurn() throws IOException {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        MeteredHttp http = new MeteredHttp(HttpClient.newHttpClient(), new Semaphore(8), new Metrics(), RetryPolicy.DEFAULT);
        PublicApi api = new PublicApi(http, List.of(node(first), node(second)), Duration.ofSeconds(5));
        LoadAccount account = new LoadAccount("AC00000000000000000000000000000001", "token");

        for (int i = 0; i < 10; i++) {
            assertThat(api.get(Operation.LIST, account, PublicApi.listPath(account, RecordKind.CALL, 20)).ok()).isTrue();
        }

        assertThat(first.get()).isEqualTo(5);
        assertThat(second.get()).isEqualTo(5);
    }
}
