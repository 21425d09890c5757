package io.flightpath.shadow.report;

import io.flightpath.shadow.diff.Difference;
import io.flightpath.shadow.diff.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/** One endpoint's counts, with at most {@code maxFields} fields (more fold into {@code (other)}). Thread-safe. */
final class EndpointStats {
    static final String OTHER = "(other)";

    final LongAdder requests = new LongAdder();
    final LongAdder matches = new LongAdder();
    final LongAdder noise = new LongAdder();
    final LongAdder differences = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder stableErrors = new LongAdder();
    final LongAdder notMirrored = new LongAdder();
    private final Map<String, FieldStats> fields = new ConcurrentHashMap<>();
    private final int maxFields;
    private final BiConsumer<String, FieldStats> onNewField;

    EndpointStats(int maxFields, BiConsumer<String, FieldStats> onNewField) {
        this.maxFields = maxFields;
        this.onNewField = onNewField;
    }

    void record(Verdict v) {
        switch (v.outcome()) {
            case MATCH -> matches.increment();
            case NOISE -> noise.increment();
            case DIFFERENT -> differences.increment();
            case ERROR -> errors.increment();
        }
        // a field counts once per request, however many array elements differ there
        v.differences().stream().map(Difference::field).distinct().forEach(f -> field(f).differences.increment());
        v.noise().stream().map(Difference::field).distinct().forEach(f -> field(f).noise.increment());
        v.secondaryFields().forEach(f -> field(f).secondary.increment());
    }

    FieldStats field(String name) {
        FieldStats existing = fields.get(name);
        if (existing != null) {
            return existing;
        }
        // keys of JSON maps can be ids: bound the fields so neither memory nor metrics grow without end
        String key = fields.size() >= maxFields ? OTHER : name;
        return fields.computeIfAbsent(key, k -> {
            FieldStats created = new FieldStats();
            onNewField.accept(k, created);
            return created;
        });
    }

    EndpointView view(String endpoint, Thresholds thresholds) {
        long compared = matches.sum() + noise.sum() + differences.sum();
        long requested = requests.sum();
        List<FieldView> fieldViews = fields.entrySet().stream()
                .map(e -> e.getValue().view(e.getKey(), compared, thresholds))
                .sorted(Comparator.comparingLong(FieldView::differences).reversed()
                        .thenComparing(Comparator.comparingLong(FieldView::noise).reversed())
                        .thenComparing(FieldView::field))
                .toList();
        double rate = compared == 0 ? 1.0 : (double) (matches.sum() + noise.sum()) / compared;
        return new EndpointView(endpoint, requested, compared, matches.sum(), noise.sum(), differences.sum(),
                errors.sum(), dropped.sum(), stableErrors.sum(), notMirrored.sum(), rate, fieldViews);
    }

    void add(EndpointView stored) {
        requests.add(stored.requests());
        matches.add(stored.matches());
        noise.add(stored.noise());
        differences.add(stored.differences());
        errors.add(stored.errors());
        dropped.add(stored.dropped());
        stableErrors.add(stored.stableErrors());
        notMirrored.add(stored.notMirrored());
        stored.fields().forEach(f -> field(f.field()).add(f));
    }
}
