package io.flightpath.shadow.report;

import java.util.List;

/**
 * An endpoint's counts as reported. {@code compared} requests had an answer from both sides;
 * {@code matchRate} is (matches + noise) / compared, or 1 when nothing was compared.
 */
public record EndpointView(String endpoint, long requests, long compared, long matches, long noise, long differences,
                           long errors, long dropped, long stableErrors, long notMirrored, double matchRate,
                           List<FieldView> fields) {
}
