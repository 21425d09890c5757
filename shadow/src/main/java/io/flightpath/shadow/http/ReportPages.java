package io.flightpath.shadow.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flightpath.core.FlightpathException;
import io.flightpath.shadow.diff.Difference;
import io.flightpath.shadow.report.EndpointView;
import io.flightpath.shadow.report.FieldView;
import io.flightpath.shadow.report.Sample;
import io.flightpath.shadow.report.SampleStore;
import io.flightpath.shadow.report.ShadowReport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report for people, rendered on the server: {@code /} lists endpoints with their match rate,
 * {@code /endpoint?name=} its fields and samples, {@code /sample/{id}} one sample side by side.
 */
public final class ReportPages {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String STYLE = """
            body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
            td.n{text-align:right}.bad{color:#b00020;font-weight:600}.ok{color:#1b5e20}
            .sides{display:grid;grid-template-columns:1fr 1fr;gap:1em}pre{background:#f6f6f6;padding:.6em;overflow:auto}
            mark{background:#ffe08a}""";

    private final ShadowReport report;
    private final SampleStore samples;

    public ReportPages(ShadowReport report, SampleStore samples) {
        this.report = report;
        this.samples = samples;
    }

    public void routes(RoutesConfig r) {
        r.get("/", this::endpoints);
        r.get("/endpoint", this::endpoint);
        r.get("/sample/{id}", this::sample);
    }

    private void endpoints(Context ctx) {
        StringBuilder h = new StringBuilder();
        h.append("<h1>Shadow</h1><table id=endpoints><tr><th>endpoint</th><th>match rate</th><th>requests</th>")
                .append("<th>compared</th><th>matches</th><th>noise</th><th>differences</th><th>errors</th>")
                .append("<th>dropped</th><th>stable errors</th><th>not mirrored</th></tr>");
        for (EndpointView e : report.endpoints()) {
            h.append("<tr><td><a href=\"/endpoint?name=").append(Html.query(e.endpoint())).append("\">")
                    .append(Html.text(e.endpoint())).append("</a></td>")
                    .append("<td class=\"n ").append(e.differences() > 0 ? "bad" : "ok").append("\">")
                    .append(percent(e.matchRate())).append("</td>");
            for (long n : new long[] {e.requests(), e.compared(), e.matches(), e.noise(), e.differences(), e.errors(),
                    e.dropped(), e.stableErrors(), e.notMirrored()}) {
                h.append("<td class=n>").append(n).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table><p>Match rate: (matches + noise) / compared. Data: <a href=\"/api/endpoints\">JSON</a>, ")
                .append("<a href=\"/metrics\">metrics</a>.</p>");
        page(ctx, "Shadow", h);
    }

    private void endpoint(Context ctx) {
        String name = ReportApi.required(ctx, "name");
        EndpointView e = report.endpoint(name)
                .orElseThrow(() -> FlightpathException.notFound("no endpoint '%s' in the report", name));
        StringBuilder h = new StringBuilder();
        h.append("<p><a href=\"/\">all endpoints</a></p><h1>").append(Html.text(name)).append("</h1><p>")
                .append(percent(e.matchRate())).append(" match over ").append(e.compared()).append(" compared requests</p>")
                .append("<h2>Fields</h2><table id=fields><tr><th>field</th><th>verdict</th><th>differences</th>")
                .append("<th>noise</th><th>secondary differed</th></tr>");
        for (FieldView f : e.fields()) {
            h.append("<tr><td><a href=\"#samples\" data-field=\"").append(Html.text(f.field())).append("\">")
                    .append(Html.text(f.field())).append("</a></td><td class=\"")
                    .append(f.verdict().equals("difference") ? "bad" : "ok").append("\">").append(f.verdict())
                    .append("</td><td class=n>").append(f.differences()).append("</td><td class=n>").append(f.noise())
                    .append("</td><td class=n>").append(f.secondary()).append("</td></tr>");
        }
        h.append("</table><h2 id=samples>Samples</h2><table id=sample-list><tr><th>when</th><th>request</th>")
                .append("<th>outcome</th><th>fields</th></tr>");
        for (Sample s : samples.list(name, null)) {
            String fields = fields(s);
            h.append("<tr data-fields=\"").append(Html.text(fields)).append("\"><td><a href=\"/sample/")
                    .append(Html.query(s.id())).append("\">").append(s.at()).append("</a></td><td>")
                    .append(Html.text(s.method() + " " + s.target())).append("</td><td>")
                    .append(s.outcome().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(Html.text(fields))
                    .append("</td></tr>");
        }
        // clicking a field shows only its samples; a plain page without script still lists them all
        h.append("</table><script>document.querySelectorAll('#fields a').forEach(a=>a.onclick=()=>{")
                .append("document.querySelectorAll('#sample-list tr[data-fields]').forEach(r=>r.hidden=")
                .append("!r.dataset.fields.split(' ').includes(a.dataset.field))})</script>");
        page(ctx, name, h);
    }

    private static String fields(Sample s) {
        return String.join(" ", s.fields());
    }

    private void sample(Context ctx) {
        Sample s = samples.get(ctx.pathParam("id"))
                .orElseThrow(() -> FlightpathException.notFound("no sample '%s'", ctx.pathParam("id")));
        StringBuilder h = new StringBuilder();
        h.append("<p><a href=\"/endpoint?name=").append(Html.query(s.endpoint())).append("\">")
                .append(Html.text(s.endpoint())).append("</a></p><h1>").append(Html.text(s.method() + " " + s.target()))
                .append("</h1><p>").append(s.outcome().name().toLowerCase(Locale.ROOT)).append(" at ").append(s.at());
        if (s.error() != null) {
            h.append(": ").append(Html.text(s.error()));
        }
        h.append("</p><table id=differences><tr><th>path</th><th>kind</th><th>stable</th><th>experimental</th><th>noise</th></tr>");
        differenceRows(h, s.differences(), false);
        differenceRows(h, s.noise(), true);
        h.append("</table>");
        Set<String> keys = s.differences().stream().map(d -> lastKey(d.path())).collect(Collectors.toSet());
        h.append("<div class=sides>");
        side(h, "stable", s.stable(), keys);
        side(h, "experimental", s.experimental(), keys);
        h.append("</div>");
        if (s.secondary() != null) {
            side(h, "secondary", s.secondary(), Set.of());
        }
        page(ctx, "sample " + s.id(), h);
    }

    private static void differenceRows(StringBuilder h, List<Difference> differences, boolean noise) {
        for (Difference d : differences) {
            h.append("<tr><td>").append(Html.text(d.path())).append("</td><td>").append(d.kind().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>").append(Html.text(d.stable())).append("</td><td>").append(Html.text(d.experimental()))
                    .append("</td><td>").append(noise ? "noise" : "").append("</td></tr>");
        }
    }

    private static void side(StringBuilder h, String name, Sample.Side side, Set<String> keys) {
        h.append("<div id=").append(name).append("><h2>").append(name).append("</h2>");
        if (side == null) {
            h.append("<p>no response</p></div>");
            return;
        }
        h.append("<p>status ").append(side.status()).append("</p><pre>");
        for (String line : body(side.body()).split("\n", -1)) {
            boolean differs = keys.stream().anyMatch(k -> line.trim().startsWith("\"" + k + "\""));
            h.append(differs ? "<mark>" : "").append(Html.text(line)).append(differs ? "</mark>" : "").append('\n');
        }
        h.append("</pre></div>");
    }

    private static String body(Sample.Body body) {
        if (!body.encoding().equals("utf-8")) {
            return "(" + body.bytes() + " bytes, not UTF-8)";
        }
        try {
            JsonNode tree = PRETTY.readTree(body.text());
            return tree == null ? body.text() : PRETTY.writeValueAsString(tree);
        } catch (IOException e) {
            return body.text(); // not JSON: shown as it came
        }
    }

    private static String lastKey(String path) {
        String p = path.replaceAll("\\[\\d+]$", "");
        return p.substring(p.lastIndexOf('.') + 1);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static void page(Context ctx, String title, StringBuilder body) {
        ctx.contentType("text/html; charset=utf-8").result("<!doctype html><html><head><meta charset=utf-8><title>"
                + Html.text(title) + "</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>");
    }
}
