package io.flightpath.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.RecordStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The end-of-run check, through the public API only: every record fetched by SID in its own
 * account with the final status it was driven to, then every account's lists paged through to
 * find each record exactly once. Waits up to a deadline for records still on their way to
 * post-flight. Call after the last lifecycle finished.
 */
final class Verifier {
    static final int PAGE_SIZE = 1000;
    private static final Duration POLL = Duration.ofMillis(250);

    private final PublicApi api;

    Verifier(PublicApi api) {
        this.api = api;
    }

    /** Counts for the report; {@code calls_created} and {@code messages_created} come from {@code records}. */
    LoadReport.Records verify(List<TrackedRecord> records, List<LoadAccount> accounts, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Findings findings = new Findings();
        try (TaskGroup workers = new TaskGroup("verify records by SID")) {
            for (TrackedRecord r : records) {
                workers.execute(() -> fetchUntilFinal(r, deadline, findings));
            }
        }
        Map<String, List<TrackedRecord>> byList = records.stream()
                .collect(Collectors.groupingBy(r -> r.account.sid() + "/" + r.kind));
        try (TaskGroup workers = new TaskGroup("verify account lists")) {
            for (LoadAccount account : accounts) {
                for (RecordKind kind : RecordKind.values()) {
                    List<TrackedRecord> expected = byList.getOrDefault(account.sid() + "/" + kind, List.of());
                    workers.execute(() -> listUntilComplete(account, kind, expected, deadline, findings));
                }
            }
        }
        long calls = records.stream().filter(r -> r.kind == RecordKind.CALL).count();
        return findings.counts(calls, records.size() - calls);
    }

    private void fetchUntilFinal(TrackedRecord record, long deadline, Findings findings) {
        RecordStatus expected = record.finalStatus();
        boolean seen = false;
        while (true) {
            Response response = api.fetch(Operation.VERIFY, record.account, record.kind, record.sid);
            if (response.ok()) {
                JsonNode body = response.json();
                // Seen only in its own account: a record under another account's SID is as good as lost.
                seen = record.sid.equals(body.path("sid").asText()) && record.account.sid().equals(body.path("account_sid").asText());
                if (seen && (expected == null || expected.wire().equals(body.path("status").asText()))) {
                    return;
                }
            } else if (response.status() == 404) {
                seen = false;
            }
            if (System.nanoTime() - deadline >= 0) {
                (seen ? findings.wrongStatus : findings.lost).add(record.sid);
                return;
            }
            pause();
        }
    }

    private void listUntilComplete(LoadAccount account, RecordKind kind, List<TrackedRecord> expected, long deadline,
                                   Findings findings) {
        while (true) {
            Optional<Map<String, Integer>> listed = listAll(account, kind);
            Map<String, Integer> seen = listed.orElse(Map.of());
            List<String> missing = expected.stream().map(r -> r.sid).filter(sid -> !seen.containsKey(sid)).toList();
            List<String> doubled = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            if (listed.isPresent() && missing.isEmpty() && doubled.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                findings.lost.addAll(missing);
                findings.duplicated.addAll(doubled);
                return;
            }
            pause();
        }
    }

    /** How often each SID appears over all pages, or empty when a page could not be read. */
    private Optional<Map<String, Integer>> listAll(LoadAccount account, RecordKind kind) {
        Map<String, Integer> counts = new HashMap<>();
        String path = PublicApi.listPath(account, kind, PAGE_SIZE);
        while (path != null) {
            Response response = api.get(Operation.VERIFY, account, path);
            if (!response.ok()) {
                return Optional.empty();
            }
            JsonNode page = response.json();
            for (JsonNode item : page.path(kind.listKey)) {
                counts.merge(item.path("sid").asText(), 1, Integer::sum);
            }
            JsonNode next = page.path("next_page_uri");
            path = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
        }
        return Optional.of(counts);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted while verifying", e);
        }
    }

    /** SIDs by finding; sets, so a record missing from both its fetch and its list counts once. */
    private static final class Findings {
        final Set<String> lost = ConcurrentHashMap.newKeySet();
        final Set<String> duplicated = ConcurrentHashMap.newKeySet();
        final Set<String> wrongStatus = ConcurrentHashMap.newKeySet();

        LoadReport.Records counts(long calls, long messages) {
            long wrong = wrongStatus.stream().filter(sid -> !lost.contains(sid)).count();
            return new LoadReport.Records(calls, messages, lost.size(), duplicated.size(), wrong);
        }
    }
}
