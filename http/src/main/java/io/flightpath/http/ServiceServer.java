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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's HTTP face: Javalin on virtual threads with {@code /health}, {@code /metrics}
 * (Prometheus), a timer per route and errors mapped from {@link FlightpathException} codes. The
 * service supplies its routes and, at the public edge, its own error rendering.
 */
public final class ServiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceServer.class);
    private static final String STARTED = "flightpath.started";

    /** Writes an error response; the default writes {@link ErrorBody} JSON. */
    @FunctionalInterface
    public interface ErrorRenderer {
        void render(Context ctx, FlightpathException error);
    }

    public static final ErrorRenderer INTERNAL_ERRORS = (ctx, e) ->
            ctx.status(e instanceof RequestTooLarge ? 413 : ErrorStatus.of(e.code())).json(new ErrorBody(e.code(), e.getMessage()));

    private final String name;
    private final String host;
    private final Javalin app;

    /**
     * The request attribute that names the code path a request took (the public API's "legacy" or
     * "services"), so that its requests and errors are counted per path; "-" when none is set.
     */
    public static final String CODE_PATH = "flightpath.code-path";

    private ServiceServer(String name, String host, Javalin app) {
        this.name = name;
        this.host = host;
        this.app = app;
    }

    /** Starts the server; port 0 picks a free port. Requests larger than {@code maxRequestBytes} are refused. */
    public static ServiceServer start(String name, String host, int port, PrometheusMeterRegistry metrics,
                                      long maxRequestBytes, ErrorRenderer errors, Consumer<RoutesConfig> routes) {
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxRequestBytes;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.jetty.host = host;
            config.jetty.port = port;
            RoutesConfig r = config.routes;
            r.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
            r.after(ctx -> record(metrics, name, ctx));
            r.get("/health", ctx -> ctx.json(Map.of("status", "up", "service", name)));
            r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            r.exception(FlightpathException.class, (e, ctx) -> errors.render(ctx, e));
            r.exception(HttpResponseException.class, (e, ctx) -> errors.render(ctx, e.getStatus() == 413
                    ? new RequestTooLarge("the request body is larger than the " + maxRequestBytes + " bytes allowed")
                    : new FlightpathException(ErrorStatus.codeOf(e.getStatus()), e.getMessage())));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                errors.render(ctx, new FlightpathException(ErrorCode.INTERNAL, "internal error"));
            });
            r.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    errors.render(ctx, FlightpathException.notFound("no resource at %s", ctx.path()));
                }
            });
            r.error(405, ctx -> errors.render(ctx, new FlightpathException(ErrorCode.INVALID_ARGUMENT,
                    ctx.method() + " is not allowed on " + ctx.path())));
            routes.accept(r);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw FlightpathException.unavailable("cannot start %s on %s:%d: %s", name, host, port, rootMessage(e));
        }
        LOG.info("{} listening on {}:{}", name, host, app.port());
        return new ServiceServer(name, host, app);
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
                .tag("method", ctx.method().name())
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

    @Override
    public void close() {
        app.stop();
    }
}
