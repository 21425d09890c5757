package io.flightpath.control.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the persisted workflows (splits, rollouts) store alike: outputs as JSON, UTC times, the claim rule. */
final class WorkflowRows {
    private static final TypeReference<Map<String, String>> OUTPUTS = new TypeReference<>() { };

    private WorkflowRows() {
    }

    static Map<String, String> outputs(ResultSet rs, String what) throws SQLException {
        try {
            return Json.mapper().readValue(rs.getString("outputs"), OUTPUTS);
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("stored %s outputs do not parse: %s", what, e.getMessage());
        }
    }

    /** The stored outputs with {@code more} merged over them, as JSON. */
    static String merged(Map<String, String> stored, Map<String, String> more, String what) {
        Map<String, String> merged = new LinkedHashMap<>(stored);
        merged.putAll(more);
        try {
            return Json.mapper().writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw FlightpathException.internal("cannot encode %s outputs: %s", what, e.getMessage());
        }
    }

    /**
     * Whether a claim by {@code owner} must wait: the workflow is running under another owner whose
     * heartbeat is fresher than {@code stale}. A failed workflow has nobody working on it.
     */
    static boolean heldByOther(boolean running, String holder, Instant heartbeat, String owner, Duration stale, Instant now) {
        return running && holder != null && !holder.equals(owner) && heartbeat != null && heartbeat.plus(stale).isAfter(now);
    }

    static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
