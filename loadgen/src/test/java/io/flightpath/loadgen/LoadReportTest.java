package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.http.Json;
import java.net.URI;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class LoadReportTest {
    private static final String TOKEN = "an-internal-token-0123";
    private static final LoadConfig CONFIG = LoadConfig.builder(URI.create("http://a:1"), URI.create("http://e:2"),
            URI.create("http://c:3"), TOKEN).build();
    private static final LoadReport.OperationReport CLEAN = new LoadReport.OperationReport(10, 0, 0, 1.5, 9.25, 12, null);

    private static LoadReport report(Map<String, LoadReport.OperationReport> ops, LoadReport.Records records) {
        return LoadReport.of(Instant.parse("2025-01-02T03:04:05Z"), 61.5, CONFIG, ops, records);
    }

    private static LoadReport.Records records(long lost, long duplicated, long wrong) {
        return new LoadReport.Records(100, 50, lost, duplicated, wrong);
    }

    @Test
    void aCleanRunPasses() {
        LoadReport r = report(Map.of("create_call", CLEAN, "event", CLEAN), records(0, 0, 0));
        assertThat(r.passed()).isTrue();
        assertThat(r.failedRequests()).isZero();
        assertThat(r.schema()).isEqualTo("flightpath-load-report/1");
    }

    @Test
    void failedRequestsAreTheErrorsOfEveryOperation() {
        var failing = new LoadReport.OperationReport(10, 2, 5, 1, 2, 3, "GET /x after 10 tries: HTTP 503");
        var alsoFailing = new LoadReport.OperationReport(10, 1, 0, 1, 2, 3, "POST /y after 1 try: HTTP 500");
        LoadReport r = report(Map.of("create_call", failing, "fetch", alsoFailing, "event", CLEAN), records(0, 0, 0));
        assertThat(r.failedRequests()).isEqualTo(3);
        assertThat(r.passed()).isFalse();
    }

    @Test
    void retriesThatEndedWellDoNotFailTheRun() {
        var retried = new LoadReport.OperationReport(10, 0, 7, 1, 2, 3, null);
        assertThat(report(Map.of("event", retried), records(0, 0, 0)).passed()).isTrue();
    }

    @Test
    void anyLostDoubledOrWrongRecordFailsTheRun() {
        assertThat(report(Map.of(), records(1, 0, 0)).passed()).isFalse();
        assertThat(report(Map.of(), records(0, 1, 0)).passed()).isFalse();
        assertThat(report(Map.of(), records(0, 0, 1)).passed()).isFalse();
    }

    @Test
    void jsonUsesTheDocumentedSnakeCaseSchemaWithoutTheToken() throws Exception {
        Map<String, LoadReport.OperationReport> ops = new LinkedHashMap<>();
        ops.put("create_call", CLEAN);
        ops.put("verify", CLEAN);
        String json = report(ops, records(0, 0, 0)).toJson();
        JsonNode root = Json.mapper().readTree(json);

        assertThat(names(root)).containsExactly("schema", "started_at", "duration_seconds", "config", "operations",
                "records", "failed_requests", "passed");
        assertThat(root.path("started_at").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(root.path("duration_seconds").asDouble()).isEqualTo(61.5);
        assertThat(names(root.path("config"))).containsExactly("api", "events", "admin", "accounts", "calls_per_second",
                "messages_per_second", "duration_seconds", "readers_per_second", "seed", "max_in_flight", "verify_timeout_seconds");
        assertThat(names(root.path("operations"))).containsExactly("create_call", "verify");
        assertThat(names(root.path("operations").path("create_call")))
                .containsExactly("requests", "errors", "retries", "p50_ms", "p99_ms", "max_ms");
        assertThat(root.path("operations").path("create_call").path("p99_ms").asDouble()).isEqualTo(9.25);
        assertThat(names(root.path("records"))).containsExactly("calls_created", "messages_created", "lost", "duplicated", "wrong_status");
        assertThat(root.path("passed").asBoolean()).isTrue();
        assertThat(json).doesNotContain(TOKEN).doesNotContain("token");
    }

    private static List<String> names(JsonNode node) {
        Iterator<String> it = node.fieldNames();
        return StreamSupport.stream(((Iterable<String>) () -> it).spliterator(), false).collect(Collectors.toList());
    }
}
