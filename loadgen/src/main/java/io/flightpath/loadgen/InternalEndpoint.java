package io.flightpath.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** Builds requests to a service's internal API: JSON bodies and the shared bearer token. */
final class InternalEndpoint {
    private final URI root;
    private final String bearer;
    private final Duration timeout;

    InternalEndpoint(URI root, String token, Duration timeout) {
        this.root = root;
        this.bearer = "Bearer " + token;
        this.timeout = timeout;
    }

    URI root() {
        return root;
    }

    HttpRequest postJson(String path, Object body) {
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("encode the body of POST %s: %s", path, e.getMessage());
        }
        return HttpRequest.newBuilder(root.resolve(path)).timeout(timeout)
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
    }
}
