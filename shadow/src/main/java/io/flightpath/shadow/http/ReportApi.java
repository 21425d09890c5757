package io.flightpath.shadow.http;

import io.flightpath.core.FlightpathException;
import io.flightpath.shadow.report.SampleStore;
import io.flightpath.shadow.report.ShadowReport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The report as JSON: {@code GET /api/endpoints}, {@code GET /api/endpoint?name=},
 * {@code GET /api/samples?endpoint=&field=} and {@code GET /api/samples/{id}}.
 */
public final class ReportApi {
    private final ShadowReport report;
    private final SampleStore samples;

    public ReportApi(ShadowReport report, SampleStore samples) {
        this.report = report;
        this.samples = samples;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/endpoints", ctx -> ctx.json(report.endpoints()));
        r.get("/api/endpoint", ctx -> ctx.json(report.endpoint(required(ctx, "name"))
                .orElseThrow(() -> FlightpathException.notFound("no endpoint '%s' in the report", ctx.queryParam("name")))));
        r.get("/api/samples", ctx -> ctx.json(samples.list(required(ctx, "endpoint"), ctx.queryParam("field"))));
        r.get("/api/samples/{id}", ctx -> ctx.json(samples.get(ctx.pathParam("id"))
                .orElseThrow(() -> FlightpathException.notFound("no sample '%s'", ctx.pathParam("id")))));
    }

    static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw FlightpathException.invalid("the query parameter '%s' is required", name);
        }
        return v;
    }
}
