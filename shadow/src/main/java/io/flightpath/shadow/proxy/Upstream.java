package io.flightpath.shadow.proxy;

import io.flightpath.shadow.diff.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One side (stable, experimental or secondary): a base URL and one HTTP/1.1 client with
 * keep-alive whose connections every request to that side shares. Never throws for upstream
 * trouble: the {@link Exchange} says what went wrong. Thread-safe.
 */
public final class Upstream implements AutoCloseable {
    private final String name;
    private final String base;
    private final Duration timeout;
    private final int maxBodyBytes;
    private final HttpClient http;

    public Upstream(String name, URI base, Duration timeout, int maxBodyBytes, Executor executor) {
        this.name = name;
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .executor(executor)
                .build();
    }

    public String name() {
        return name;
    }

    /** Sends the request and waits for the whole response; {@code extra} headers are added (shadow markers). */
    public Exchange send(ProxiedRequest request, Map<String, String> extra) {
        HttpRequest built;
        try {
            built = build(request, extra);
        } catch (IllegalArgumentException e) {
            return Exchange.failed(Failure.Kind.REFUSED_REQUEST, "the request cannot be forwarded: " + e.getMessage());
        }
        try {
            return read(http.send(built, BoundedBody.handler(maxBodyBytes)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exchange.failed(Failure.Kind.CONNECTION, "interrupted while calling " + name);
        } catch (IOException e) {
            return failed(e);
        }
    }

    /** {@link #send} without a waiting thread: the client's own callbacks complete it. Never completes exceptionally. */
    public CompletableFuture<Exchange> sendAsync(ProxiedRequest request, Map<String, String> extra) {
        HttpRequest built;
        try {
            built = build(request, extra);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    Exchange.failed(Failure.Kind.REFUSED_REQUEST, "the request cannot be forwarded: " + e.getMessage()));
        }
        return http.sendAsync(built, BoundedBody.handler(maxBodyBytes))
                .handle((response, error) -> error == null ? read(response) : failed(unwrap(error)));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private Exchange failed(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return Exchange.failed(Failure.Kind.CONNECTION, name + " did not accept a connection within " + timeout);
        }
        if (e instanceof HttpTimeoutException) {
            return Exchange.failed(Failure.Kind.TIMEOUT, name + " did not answer within " + timeout);
        }
        if (e instanceof ConnectException) {
            return Exchange.failed(Failure.Kind.CONNECTION, name + " at " + base + " refused the connection");
        }
        return Exchange.failed(Failure.Kind.CONNECTION, name + " at " + base + ": " + e);
    }

    private HttpRequest build(ProxiedRequest request, Map<String, String> extra) {
        HttpRequest.BodyPublisher body = request.body().length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + request.target()))
                .timeout(timeout)
                .method(request.method(), body);
        request.headers().forEach((header, values) -> {
            if (!HopByHop.is(header)) {
                values.forEach(v -> b.header(header, v));
            }
        });
        extra.forEach(b::header);
        return b.build();
    }

    private Exchange read(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body == null) {
            return Exchange.failed(Failure.Kind.TOO_LARGE, name + " answered with a body over " + maxBodyBytes + " bytes");
        }
        // names keep the case the upstream sent, so the client gets them as they were
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        return Exchange.of(new Response(response.statusCode(), headers, body));
    }

    /** Waits for the calls under way (each bounded by the timeout) and closes the connections. */
    @Override
    public void close() {
        http.close();
    }
}
