package io.flightpath.shadow.report;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts per endpoint and field, exported as Prometheus counters and saved to a file so that
 * they survive a restart. At most {@code maxEndpoints} endpoints (more fold into {@code (other)}).
 * Thread-safe.
 */
public final class ShadowReport {
    private static final TypeReference<List<EndpointView>> VIEWS = new TypeReference<>() {
    };

    private final Map<String, EndpointStats> endpoints = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final Thresholds thresholds;
    private final int maxEndpoints;
    private final int maxFields;

    public ShadowReport(MeterRegistry metrics, Thresholds thresholds, int maxEndpoints, int maxFields) {
        this.metrics = metrics;
        this.thresholds = thresholds;
        this.maxEndpoints = maxEndpoints;
        this.maxFields = maxFields;
    }

    EndpointStats stats(String name) {
        EndpointStats existing = endpoints.get(name);
        if (existing != null) {
            return existing;
        }
        String key = endpoints.size() >= maxEndpoints ? EndpointStats.OTHER : name;
        return endpoints.computeIfAbsent(key, this::register);
    }

    private EndpointStats register(String endpoint) {
        EndpointStats s = new EndpointStats(maxFields, (field, f) -> {
            counter("shadow.field.differences", f.differences, endpoint, "field", field, "verdict", "difference");
            counter("shadow.field.differences", f.noise, endpoint, "field", field, "verdict", "noise");
        });
        counter("shadow.requests", s.requests, endpoint);
        counter("shadow.comparisons", s.matches, endpoint, "outcome", "match");
        counter("shadow.comparisons", s.noise, endpoint, "outcome", "noise");
        counter("shadow.comparisons", s.differences, endpoint, "outcome", "different");
        counter("shadow.comparisons", s.errors, endpoint, "outcome", "error");
        counter("shadow.dropped", s.dropped, endpoint);
        counter("shadow.stable.errors", s.stableErrors, endpoint);
        counter("shadow.not.mirrored", s.notMirrored, endpoint);
        return s;
    }

    private void counter(String name, LongAdder value, String endpoint, String... tags) {
        FunctionCounter.builder(name, value, LongAdder::doubleValue).tag("endpoint", endpoint).tags(tags).register(metrics);
    }

    public List<EndpointView> endpoints() {
        return endpoints.entrySet().stream()
                .map(e -> e.getValue().view(e.getKey(), thresholds))
                .sorted(Comparator.comparingDouble(EndpointView::matchRate).thenComparing(EndpointView::endpoint))
                .toList();
    }

    public Optional<EndpointView> endpoint(String name) {
        EndpointStats s = endpoints.get(name);
        return s == null ? Optional.empty() : Optional.of(s.view(name, thresholds));
    }

    /** Writes the counts to {@code file} through a temporary file, so a crash leaves the old or the new one. */
    public void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, SampleStore.MAPPER.writeValueAsBytes(endpoints()));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Adds the counts saved in {@code file}, if it exists. */
    public void load(Path file) throws IOException {
        if (Files.exists(file)) {
            for (EndpointView v : SampleStore.MAPPER.readValue(file.toFile(), VIEWS)) {
                stats(v.endpoint()).add(v);
            }
        }
    }
}
