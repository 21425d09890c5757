package io.flightpath.shadow.report;

import io.flightpath.shadow.diff.Difference;
import io.flightpath.shadow.diff.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One stored example of a difference (or noise, or error): the request and every side's response,
 * secret headers redacted, and the differing paths. {@code secondary} and the responses of failed
 * sides are null.
 */
public record Sample(String id, Instant at, String endpoint, String method, String target,
                     Map<String, List<String>> requestHeaders, Body requestBody,
                     Side stable, Side experimental, Side secondary,
                     Outcome outcome, List<Difference> differences, List<Difference> noise, String error) {

    /** A response as stored. */
    public record Side(int status, Map<String, List<String>> headers, Body body) {
    }

    /** A body as stored: UTF-8 text as it is, anything else in base64; cut at a bound. */
    public record Body(String encoding, String text, int bytes, boolean truncated) {
    }

    /** The fields this sample illustrates: the differences', else the noise's, else {@code :error}. */
    public List<String> fields() {
        return fields(differences, noise);
    }

    static List<String> fields(List<Difference> differences, List<Difference> noise) {
        List<Difference> shown = !differences.isEmpty() ? differences : noise;
        return shown.isEmpty() ? List.of(":error") : shown.stream().map(Difference::field).distinct().toList();
    }
}
