package io.flightpath.loadgen;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one load run, in the {@value #SCHEMA} JSON schema documented in
 * {@code loadgen/REPORT.md}. A run passed when no record was lost, doubled or left in the wrong
 * status and every request finally succeeded.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"schema", "started_at", "duration_seconds", "config", "operations", "records", "failed_requests", "passed"})
public record LoadReport(String schema, Instant startedAt, double durationSeconds, Settings config,
                         Map<String, OperationReport> operations, Records records, long failedRequests, boolean passed) {

    public static final String SCHEMA = "flightpath-load-report/1";

    public LoadReport {
        // kept in the given order: the report lists operations as the enum does
        operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
    }

    /** Derives the failed request count and the verdict. */
    static LoadReport of(Instant startedAt, double durationSeconds, LoadConfig config,
                         Map<String, OperationReport> operations, Records records) {
        long failed = operations.values().stream().mapToLong(OperationReport::errors).sum();
        boolean passed = failed == 0 && records.lost() == 0 && records.duplicated() == 0 && records.wrongStatus() == 0;
        return new LoadReport(SCHEMA, startedAt, durationSeconds, Settings.of(config), operations,
                records, failed, passed);
    }

    /** The report as indented JSON, the form the CLI writes. */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("cannot write the load report: " + e.getMessage());
        }
    }

    /** The run's settings as given, without the internal token. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(String api, String events, String admin, int accounts, double callsPerSecond,
                           double messagesPerSecond, double durationSeconds, double readersPerSecond, long seed,
                           int maxInFlight, double verifyTimeoutSeconds) {

        static Settings of(LoadConfig c) {
            return new Settings(c.apis().stream().map(URI::toString).collect(java.util.stream.Collectors.joining(",")), c.events().toString(), c.admin().toString(), c.accounts(),
                    c.callsPerSecond(), c.messagesPerSecond(), c.duration().toMillis() / 1000.0, c.readersPerSecond(),
                    c.seed(), c.maxInFlight(), c.verifyTimeout().toMillis() / 1000.0);
        }
    }

    /** One operation: logical requests, those that finally failed, retries, and latency in ms. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** {@code firstError}: the first failed request's final answer, left out when none failed. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record OperationReport(long requests, long errors, long retries, double p50Ms, double p99Ms, double maxMs, String firstError) {
    }

    /** What the verifier found; each count is of distinct SIDs. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Records(long callsCreated, long messagesCreated, long lost, long duplicated, long wrongStatus) {
    }
}
