package io.flightpath.rollout;

import io.flightpath.core.FlightpathException;
import io.flightpath.shadow.report.EndpointView;
import io.flightpath.shadow.report.FieldView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SHADOW_COMPARE: every public read is copied to Shadow, which asks the legacy path (stable, and
 * again as secondary) and the services path (experimental) and compares their answers. The gate:
 * every endpoint Shadow saw has at least N compared requests, and none has a difference that is
 * not noise, both counted from the phase's start (a resumed phase counts anew). A difference stops
 * the rollout at once, naming the endpoint and its fields.
 */
final class ShadowCompare implements RolloutPhase {
    @Override
    public void apply(RolloutContext ctx) {
        // the gate counts what Shadow compares from now on: a report kept from before proves nothing about this walk
        Map<String, EndpointView> start = ctx.shadow().endpoints().stream().collect(Collectors.toMap(EndpointView::endpoint, e -> e));
        ctx.nodes().moveTo(RolloutShape.SHADOWED, "compare the services path with the legacy path on live reads", ctx::note);
        int needed = ctx.settings().shadowMinCompared();
        Instant deadline = ctx.clock().instant().plus(ctx.settings().shadowTimeout());
        String last = null;
        while (true) {
            List<EndpointView> endpoints = ctx.shadow().endpoints().stream().map(e -> since(start.get(e.endpoint()), e))
                    .filter(e -> e.requests() > 0).toList();
            Verdict verdict = Verdict.of(endpoints, needed);
            ctx.record("report", ctx.shadow().link());
            ctx.record("compared", endpoints.stream().mapToLong(EndpointView::compared).sum());
            ctx.record("differences", endpoints.stream().mapToLong(EndpointView::differences).sum());
            ctx.record("noise", endpoints.stream().mapToLong(EndpointView::noise).sum());
            ctx.record("verdict", verdict.text());
            if (verdict.differing().isPresent()) {
                throw FlightpathException.failedPrecondition("the Shadow gate refuses: %s (report %s)", verdict.differing().get(), ctx.shadow().link());
            }
            if (verdict.passed()) {
                return;
            }
            if (ctx.clock().instant().isAfter(deadline)) {
                throw FlightpathException.failedPrecondition("the Shadow gate did not pass within %s: %s (report %s)",
                        ctx.settings().shadowTimeout(), verdict.text(), ctx.shadow().link());
            }
            if (!verdict.text().equals(last)) {
                ctx.note("waits: " + verdict.text());
                last = verdict.text();
            }
            Nodes.pause(Duration.ofMillis(500));
        }
    }

    /** The endpoint's counts since {@code before} (null: all of them); a field's verdict is the report's, its counts since then. */
    static EndpointView since(EndpointView before, EndpointView now) {
        if (before == null) {
            return now;
        }
        Map<String, FieldView> earlier = before.fields().stream().collect(Collectors.toMap(FieldView::field, f -> f));
        List<FieldView> fields = now.fields().stream().map(f -> {
            FieldView b = earlier.get(f.field());
            return b == null ? f : new FieldView(f.field(), f.differences() - b.differences(), f.noise() - b.noise(),
                    f.secondary() - b.secondary(), f.verdict());
        }).toList();
        long compared = now.compared() - before.compared();
        long matches = now.matches() - before.matches();
        long noise = now.noise() - before.noise();
        return new EndpointView(now.endpoint(), now.requests() - before.requests(), compared, matches, noise,
                now.differences() - before.differences(), now.errors() - before.errors(), now.dropped() - before.dropped(),
                now.stableErrors() - before.stableErrors(), now.notMirrored() - before.notMirrored(),
                compared == 0 ? 1 : (double) (matches + noise) / compared, fields);
    }

    /** The gate's reading of the report: passed, waiting for comparisons, or refused by a difference. */
    record Verdict(boolean passed, Optional<String> differing, String text) {
        static Verdict of(List<EndpointView> endpoints, int needed) {
            for (EndpointView e : endpoints) {
                if (e.differences() > 0) {
                    List<String> fields = e.fields().stream().filter(f -> f.differences() > 0 && !"noise".equals(f.verdict()))
                            .map(FieldView::field).toList();
                    String why = e.endpoint() + " has " + e.differences() + " differing of " + e.compared() + " compared"
                            + (fields.isEmpty() ? "" : ", in fields " + fields);
                    return new Verdict(false, Optional.of(why), why);
                }
            }
            List<String> short_ = endpoints.stream().filter(e -> e.requests() > 0 && e.compared() < needed)
                    .map(e -> e.endpoint() + " " + e.compared() + "/" + needed).toList();
            if (endpoints.isEmpty()) {
                return new Verdict(false, Optional.empty(), "no read compared yet");
            }
            if (!short_.isEmpty()) {
                return new Verdict(false, Optional.empty(), "compared so far: " + short_);
            }
            long compared = endpoints.stream().mapToLong(EndpointView::compared).sum();
            return new Verdict(true, Optional.empty(), "passed: " + endpoints.size() + " endpoints, " + compared
                    + " compared, no difference that is not noise");
        }
    }

    @Override
    public String describe(RolloutContext ctx) {
        return "copy every public read to Shadow (legacy path stable, services path experimental) and wait for "
                + ctx.settings().shadowMinCompared() + " compared requests per endpoint with no difference that is not noise";
    }
}
