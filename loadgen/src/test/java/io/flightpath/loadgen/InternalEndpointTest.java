package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.http.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class InternalEndpointTest {
    private final InternalEndpoint endpoint = new InternalEndpoint(URI.create("http://127.0.0.1:9000"), "secret-token-0123456", Duration.ofSeconds(3));

    @Test
    void eventsTravelAsAJsonArrayWithIsoTimesAndTheBearerToken() throws Exception {
        CallSid sid = CallSid.random();
        StatusEvent event = StatusEvent.of(sid, CallStatus.RINGING, Instant.parse("2025-01-02T03:04:05.123456Z"));
        HttpRequest request = endpoint.postJson("/v1/events", List.of(event));

        assertThat(request.uri()).isEqualTo(URI.create("http://127.0.0.1:9000/v1/events"));
        assertThat(request.headers().firstValue("Authorization")).contains("Bearer secret-token-0123456");
        assertThat(request.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = Json.mapper().readTree(body(request));
        assertThat(body.isArray()).isTrue();
        assertThat(body.get(0).path("sid").asText()).isEqualTo(sid.value());
        assertThat(body.get(0).path("status").asText()).isEqualTo("ringing");
        assertThat(body.get(0).path("at").asText()).isEqualTo("2025-01-02T03:04:05.123456Z");
        assertThat(Json.mapper().readerForListOf(StatusEvent.class).<List<StatusEvent>>readValue(body)).containsExactly(event);
    }

    private static byte[] body(HttpRequest request) {
        var collected = new java.io.ByteArrayOutputStream();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                collected.writeBytes(b);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        return collected.toByteArray();
    }
}
