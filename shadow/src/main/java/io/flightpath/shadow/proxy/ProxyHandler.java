package io.flightpath.shadow.proxy;

import io.flightpath.shadow.diff.Response;
import io.flightpath.shadow.rules.Route;
import io.flightpath.shadow.rules.Rules;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Every client request: offered to the mirror first (so the shadow calls run beside the stable
 * one), then sent to the stable side, whose response goes back to the client as it came: status,
 * headers and body bytes. A failed stable call is a 502 (504 on timeout) in {@link ShadowErrors}' shape.
 */
public final class ProxyHandler implements Handler {
    private final Rules rules;
    private final Upstream stable;
    private final Mirror mirror;
    private final ShadowListener listener;

    public ProxyHandler(Rules rules, Upstream stable, Mirror mirror, ShadowListener listener) {
        this.rules = rules;
        this.stable = stable;
        this.mirror = mirror;
        this.listener = listener;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        HttpServletRequest req = ctx.req();
        ProxiedRequest request = new ProxiedRequest(req.getMethod(), req.getRequestURI(), req.getQueryString(),
                headers(req), ctx.bodyAsBytes());
        Route route = rules.route(request.method(), request.path());
        listener.requested(route);
        CompletableFuture<Exchange> stableDone = new CompletableFuture<>();
        if (!route.rules().mirrors(request.method())) {
            listener.notMirrored(route);
        } else if (!mirror.offer(route, request, stableDone)) {
            listener.dropped(route);
        }
        Exchange answer = null;
        try {
            answer = stable.send(request, Map.of());
        } finally {
            // the comparison waits for this: complete it whatever happened
            if (answer == null) {
                stableDone.complete(Exchange.failed(Failure.Kind.CONNECTION, "the stable call did not finish"));
            } else {
                stableDone.complete(answer);
            }
        }
        if (answer.ok()) {
            write(request.method(), answer.response(), ctx.res());
        } else {
            listener.stableFailed(route, answer.failure());
            ShadowErrors.write(ctx, answer.failure().kind() == Failure.Kind.TIMEOUT ? 504 : 502,
                    "stable_" + answer.failure().kind().name().toLowerCase(Locale.ROOT), answer.failure().message());
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            out.put(name, Collections.list(req.getHeaders(name)));
        }
        return out;
    }

    private static void write(String method, Response response, HttpServletResponse res) throws IOException {
        res.setStatus(response.status());
        response.headers().forEach((name, values) -> {
            if (name.equalsIgnoreCase("content-type")) {
                res.setContentType(values.getFirst()); // replaces the server's default rather than adding a second
            } else if (!HopByHop.is(name)) {
                values.forEach(v -> res.addHeader(name, v));
            }
        });
        String length = response.header("content-length");
        if (method.equals("HEAD") && length != null) {
            res.setHeader("Content-Length", length);
        } else if (response.body().length > 0 || length != null) {
            res.setContentLength(response.body().length);
        }
        res.getOutputStream().write(response.body());
        // committing now keeps the framework from adding its default Content-Type afterwards
        res.flushBuffer();
    }
}
