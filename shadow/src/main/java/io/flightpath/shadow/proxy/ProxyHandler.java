package io.flightpath.shadow.proxy;

import io.flightpath.shadow.diff.Response;
import io.flightpath.shadow.rules.Route;
import io.flightpath.shadow.rules.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every client request: offered to the mirror first (so the shadow calls run beside the stable
 * one), then sent to the stable side, whose response goes back to the client as it came: status,
 * headers and body bytes. A failed stable call is a 502 (504 on timeout) in {@link ShadowErrors}' shape.
 * A Jetty core handler rather than a framework route: the proxy needs no routing, and each layer
 * less is CPU the client's requests keep. Runs on a virtual thread per request, so it blocks freely.
 */
public final class ProxyHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);
    private static final byte[] NO_BODY = new byte[0];
    private static final List<String> ORDERED_METHODS = List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> METHODS = Set.copyOf(ORDERED_METHODS);

    private final Rules rules;
    private final Upstream stable;
    private final Mirror mirror;
    private final ShadowListener listener;
    private final int maxBodyBytes;
    private final AtomicInteger clients = new AtomicInteger();

    public ProxyHandler(Rules rules, Upstream stable, Mirror mirror, ShadowListener listener, int maxBodyBytes) {
        super(InvocationType.BLOCKING);
        this.rules = rules;
        this.stable = stable;
        this.mirror = mirror;
        this.listener = listener;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request req, org.eclipse.jetty.server.Response res, Callback callback) {
        try {
            if (!METHODS.contains(req.getMethod())) {
                ShadowErrors.write(res, callback, 405, "method_not_allowed", "Shadow proxies " + String.join(", ", ORDERED_METHODS));
                return true;
            }
            byte[] body = body(req);
            if (body == null) {
                ShadowErrors.write(res, callback, 413, "request_too_large",
                        "the request body is larger than the " + maxBodyBytes + " bytes Shadow proxies");
                return true;
            }
            proxy(new ProxiedRequest(req.getMethod(), req.getHttpURI().getPath(), req.getHttpURI().getQuery(),
                    headers(req.getHeaders()), body), res, callback);
        } catch (IOException | RuntimeException e) {
            LOG.error("proxying {} {} failed", req.getMethod(), req.getHttpURI().getPath(), e);
            if (res.isCommitted()) {
                callback.failed(e);
            } else {
                ShadowErrors.write(res, callback, 502, "shadow_internal", "Shadow failed to proxy the request");
            }
        }
        return true;
    }

    private void proxy(ProxiedRequest request, org.eclipse.jetty.server.Response res, Callback callback) {
        int inFlight = clients.incrementAndGet();
        try {
            proxy(request, res, callback, inFlight);
        } finally {
            clients.decrementAndGet();
        }
    }

    private void proxy(ProxiedRequest request, org.eclipse.jetty.server.Response res, Callback callback, int inFlight) {
        Route route = rules.route(request.method(), request.path());
        listener.requested(route);
        CompletableFuture<Exchange> stableDone = new CompletableFuture<>();
        if (!route.rules().mirrors(request.method())) {
            listener.notMirrored(route);
        } else if (!mirror.offer(route, request, stableDone, inFlight)) {
            listener.dropped(route);
        }
        Exchange answer = null;
        try {
            answer = stable.send(request, Map.of());
        } finally {
            // the comparison waits for this: complete it whatever happened
            stableDone.complete(answer != null ? answer : Exchange.failed(Failure.Kind.CONNECTION, "the stable call did not finish"));
        }
        if (answer.ok()) {
            write(request.method(), answer.response(), res, callback);
        } else {
            listener.stableFailed(route, answer.failure());
            ShadowErrors.write(res, callback, answer.failure().kind() == Failure.Kind.TIMEOUT ? 504 : 502,
                    "stable_" + answer.failure().kind().name().toLowerCase(Locale.ROOT), answer.failure().message());
        }
    }

    /**
     * The whole request body, or null when it is over the bound. An oversized body is still read
     * (and dropped) up to a few times the bound, so the client, which may be sending it still,
     * reads the 413 rather than a reset connection.
     */
    private byte[] body(Request req) throws IOException {
        long length = req.getLength();
        // without Content-Length or Transfer-Encoding an HTTP/1.1 request has no body: nothing to read
        if (length == 0 || length < 0 && !req.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return NO_BODY;
        }
        try (InputStream in = Content.Source.asInputStream(req)) {
            byte[] body = length > maxBodyBytes ? null : in.readNBytes(maxBodyBytes + 1);
            if (body != null && body.length <= maxBodyBytes) {
                return body;
            }
            long drain = 4L * maxBodyBytes;
            while (drain > 0 && in.skip(Math.min(drain, 64 * 1024)) > 0) {
                drain -= 64 * 1024;
            }
            return null;
        }
    }

    private static Map<String, List<String>> headers(HttpFields fields) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField f : fields) {
            out.computeIfAbsent(f.getName(), k -> new ArrayList<>(1)).add(f.getValue());
        }
        return out;
    }

    private static void write(String method, Response response, org.eclipse.jetty.server.Response res, Callback callback) {
        res.setStatus(response.status());
        HttpFields.Mutable out = res.getHeaders();
        response.headers().forEach((name, values) -> {
            if (!HopByHop.is(name)) {
                values.forEach(v -> out.add(name, v));
            }
        });
        List<String> length = response.headers().get("content-length"); // the upstream client's map ignores case
        if (method.equals("HEAD") && length != null) {
            out.put(HttpHeader.CONTENT_LENGTH, String.join(", ", length));
        } else if (response.body().length > 0 || length != null) {
            out.put(HttpHeader.CONTENT_LENGTH, response.body().length);
        }
        res.write(true, ByteBuffer.wrap(response.body()), callback);
    }
}
