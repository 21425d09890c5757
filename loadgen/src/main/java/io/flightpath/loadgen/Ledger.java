package io.flightpath.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Every record the run created, in creation order: what readers sample and the verifier checks. Thread-safe. */
final class Ledger {
    private final List<TrackedRecord> records = new ArrayList<>();
    private long calls;
    private long messages;

    synchronized void add(TrackedRecord record) {
        records.add(record);
        if (record.kind == RecordKind.CALL) {
            calls++;
        } else {
            messages++;
        }
    }

    synchronized Optional<TrackedRecord> random(RandomGenerator random) {
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(random.nextInt(records.size())));
    }

    synchronized long count(RecordKind kind) {
        return kind == RecordKind.CALL ? calls : messages;
    }

    synchronized List<TrackedRecord> all() {
        return List.copyOf(records);
    }
}
