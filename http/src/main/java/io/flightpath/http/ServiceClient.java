package io.flightpath.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The transport under every service's HTTP client: JSON in and out, and error bodies turned
 * back into {@link FlightpathException} with the server's code, so a remote call fails exactly
 * as the local one would. A connection failure is UNAVAILABLE. Thread-safe.
 */
public final class ServiceClient {
    private final String service;
    private final URI base;
    private final String bearer;
    private final HttpClient http;
    private final Duration timeout;

    /** {@code token} is the internal credential sent as a bearer token, or null for none. */
    public ServiceClient(String service, URI base, String token, Duration timeout) {
        this.service = service;
        this.base = base;
        this.bearer = token == null ? null : "Bearer " + token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The call's result, or empty when the server answered NOT_FOUND; other errors propagate. */
    public static <T> Optional<T> absentIfNotFound(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (FlightpathException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public URI base() {
        return base;
    }

    public <T> T get(String path, Map<String, String> query, Class<T> type) {
        return send(request(path, query).GET(), Json.mapper().constructType(type));
    }

    /** A GET the server may hold for up to {@code held} before it answers (a long-poll): its timeout is the client's plus that. */
    public <T> T get(String path, Map<String, String> query, Class<T> type, Duration held) {
        return send(request(path, query).timeout(timeout.plus(held)).GET(), Json.mapper().constructType(type));
    }

    public <T> T get(String path, Map<String, String> query, TypeReference<T> type) {
        return send(request(path, query).GET(), Json.mapper().constructType(type));
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return send(withBody(request(path, Map.of()), "POST", body), Json.mapper().constructType(type));
    }

    public <T> T post(String path, Object body, TypeReference<T> type) {
        return send(withBody(request(path, Map.of()), "POST", body), Json.mapper().constructType(type));
    }

    public void delete(String path) {
        send(request(path, Map.of()).DELETE(), null);
    }

    private HttpRequest.Builder request(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path + q)).timeout(timeout)
                .header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", bearer);
        }
        return b;
    }

    private static HttpRequest.Builder withBody(HttpRequest.Builder b, String method, Object body) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(body);
            return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json));
        } catch (IOException e) {
            throw new FlightpathException(ErrorCode.INTERNAL, "cannot encode a request body: " + e.getMessage(), e);
        }
    }

    private <T> T send(HttpRequest.Builder builder, JavaType type) {
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new FlightpathException(ErrorCode.UNAVAILABLE, service + " at " + base + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted while calling " + service, e);
        }
        int status = response.statusCode();
        if (status >= 400) {
            throw error(request, status, response.body());
        }
        if (type == null || status == 204 || response.body().length == 0) {
            return null;
        }
        try {
            return Json.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new FlightpathException(ErrorCode.INTERNAL, service + " answered " + request.method() + " "
                    + request.uri().getPath() + " with a body that does not parse: " + e.getMessage(), e);
        }
    }

    private FlightpathException error(HttpRequest request, int status, byte[] body) {
        try {
            ErrorBody e = Json.mapper().readValue(body, ErrorBody.class);
            if (e.code() != null) {
                return new FlightpathException(e.code(), e.message());
            }
        } catch (IOException | RuntimeException ignored) {
            // not one of ours (a proxy's page, say): fall back to the status
        }
        return new FlightpathException(ErrorStatus.codeOf(status), service + " answered " + status + " to "
                + request.method() + " " + request.uri().getPath());
    }
}
