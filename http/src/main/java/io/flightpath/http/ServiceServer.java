package io.flightpath.http;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's HTTP face: Javalin on virtual threads with {@code /health}, {@code /metrics}
 * (Prometheus), a timer per route with labels from a bounded set, and errors mapped from
 * {@link FlightpathException} codes, Jetty's own refusals included. {@link ServerLimits} bound
 * what one client may take. The service supplies its routes and, at the public edge, its own
 * error rendering.
 */
public final class ServiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceServer.class);
    private static final String STARTED = "flightpath.started";

    /** How a server answers an error; {@link #INTERNAL_ERRORS} answers {@link ErrorBody} JSON. */
    @FunctionalInterface
    public interface ErrorRenderer {
        ErrorAnswer render(FlightpathException error);
    }

    public static final ErrorRenderer INTERNAL_ERRORS = e ->
            new ErrorAnswer(e instanceof RefusedRequest r ? r.status() : ErrorStatus.of(e.code()), new ErrorBody(e.code(), e.getMessage()));

    /** The methods a metric names; any other folds into {@code other}, so that no client can grow the registry. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final String name;
    private final String host;
    private final Javalin app;
    private final ConnectionGuard guard;

    /**
     * The request attribute that names the code path a request took (the public API's "legacy" or
     * "services"), so that its requests and errors are counted per path; "-" when none is set.
     */
    public static final String CODE_PATH = "flightpath.code-path";

    private ServiceServer(String name, String host, Javalin app, ConnectionGuard guard) {
        this.name = name;
        this.host = host;
        this.app = app;
        this.guard = guard;
    }

    /** Starts the server with the default {@link ServerLimits}; port 0 picks a free port. Requests larger than {@code maxRequestBytes} are refused. */
    public static ServiceServer start(String name, String host, int port, PrometheusMeterRegistry metrics,
                                      long maxRequestBytes, ErrorRenderer errors, Consumer<RoutesConfig> routes) {
        return start(name, host, port, metrics, ServerLimits.of(maxRequestBytes), errors, routes);
    }

    /** Starts the server; port 0 picks a free port. */
    public static ServiceServer start(String name, String host, int port, PrometheusMeterRegistry metrics,
                                      ServerLimits limits, ErrorRenderer errors, Consumer<RoutesConfig> routes) {
        long maxRequestBytes = limits.maxRequestBytes();
        ConnectionGuard guard = new ConnectionGuard(name, limits.connectionsPerClient(), limits.headDeadline());
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxRequestBytes;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(errors)));
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.addEventListener(guard);
                return connector;
            });
            RoutesConfig r = config.routes;
            r.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            r.before(ctx -> {
                // refused before any byte of the body is read: a client announcing a huge body need not send it
                if (ctx.req().getContentLengthLong() > maxRequestBytes) {
                    throw new RefusedRequest(413, tooLarge(maxRequestBytes));
                }
            });
            r.after(ctx -> record(metrics, name, ctx));
            r.get("/health", ctx -> ctx.json(Map.of("status", "up", "service", name)));
            r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            r.exception(FlightpathException.class, (e, ctx) -> write(ctx, errors.render(e)));
            r.exception(HttpResponseException.class, (e, ctx) -> write(ctx, errors.render(e.getStatus() == 413
                    ? new RefusedRequest(413, tooLarge(maxRequestBytes))
                    : new RefusedRequest(e.getStatus(), e.getMessage()))));
            r.exception(Exception.class, (e, ctx) -> {
                if (cause(e, EofException.class) != null) {
                    // the client closed mid-body, or its chunked body broke off: its failure, not ours, so
                    // one line and a 400 (which reaches the client if it is still there), never a 5xx
                    LOG.info("{} {}: the request body ended before it was complete", methodLabel(ctx), ctx.path());
                    write(ctx, errors.render(new RefusedRequest(400, "the request body ended before it was complete")));
                    return;
                }
                HttpException malformed = cause(e, HttpException.class);
                if (malformed != null) {
                    write(ctx, errors.render(new RefusedRequest(malformed.getCode(), "the request body is malformed: " + malformed.getReason())));
                    return;
                }
                LOG.error("{} {} failed", methodLabel(ctx), ctx.path(), e);
                write(ctx, errors.render(new FlightpathException(ErrorCode.INTERNAL, "internal error")));
            });
            r.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    write(ctx, errors.render(FlightpathException.notFound("no resource at %s", ctx.path())));
                }
            });
            r.error(405, ctx -> write(ctx, errors.render(new RefusedRequest(405,
                    methodLabel(ctx) + " is not allowed on " + ctx.path()))));
            routes.accept(r);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw FlightpathException.unavailable("cannot start %s on %s:%d: %s", name, host, port, rootMessage(e));
        }
        LOG.info("{} listening on {}:{}", name, host, app.port());
        return new ServiceServer(name, host, app, guard);
    }

    private static void write(Context ctx, ErrorAnswer answer) {
        answer.headers().forEach(ctx::header);
        ctx.status(answer.status()).json(answer.body());
    }

    /**
     * The first of {@code e}'s causes of that type: Jetty's {@link EofException} when the client
     * closed or reset its connection mid-request, its {@link HttpException} for a malformed body.
     */
    private static <T> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String tooLarge(long maxRequestBytes) {
        return "the request body is larger than the " + maxRequestBytes + " bytes allowed";
    }

    private static String methodLabel(Context ctx) {
        String method = ctx.req().getMethod();
        return KNOWN_METHODS.contains(method) ? method : "other";
    }

    private static void record(PrometheusMeterRegistry metrics, String service, Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? "unmatched" : matched.path;
        Timer.builder("flightpath_http_requests")
                .tag("service", service)
                .tag("method", methodLabel(ctx))
                .tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .tag("path", Objects.requireNonNullElse(ctx.attribute(CODE_PATH), "-"))
                .publishPercentileHistogram(false)
                .register(metrics)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public String name() {
        return name;
    }

    public int port() {
        return app.port();
    }

    /** Where a client on this machine reaches the server. */
    public URI uri() {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + reachable + ":" + port());
    }

    /** Connections open from one client address now, as the per-client cap counts them. */
    public int connectionsFrom(java.net.InetAddress client) {
        return guard.openFrom(client);
    }

    @Override
    public void close() {
        app.stop();
        guard.close();
    }
}
