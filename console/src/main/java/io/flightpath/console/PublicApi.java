package io.flightpath.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The public REST API as the console reads it, with the signed-in account's own credentials: the
 * same code path as any API client's (the aggregator's merge, or the legacy path where the
 * rollout's flag sends the account), the same filters, keyset paging and answers to bad input.
 * Thread-safe.
 */
final class PublicApi {
    private final URI base;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    PublicApi(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /** GET {@code /2010-04-01/Accounts/{sid}/RESOURCE} with the given query; an error answer is a {@link ConsoleError} with its status and message. */
    JsonNode get(Session session, String resource, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(encode(k) + "=" + encode(v)));
        String credentials = session.account().value() + ":" + session.authToken();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/2010-04-01/Accounts/" + session.account().value() + "/" + resource + q))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ConsoleError(503, "The public API at " + base + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleError(503, "Interrupted while reading the public API.");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400) {
            String message = body != null && body.hasNonNull("message") ? body.get("message").asText()
                    : "The public API answered " + response.statusCode();
            throw new ConsoleError(response.statusCode(), message);
        }
        if (body == null) {
            throw new ConsoleError(502, "The public API answered with a body that does not parse.");
        }
        return body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
