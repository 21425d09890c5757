package io.flightpath.shadow.report;

/** A field's counts as reported: {@code verdict} is {@code difference} or {@code noise}. */
public record FieldView(String field, long differences, long noise, long secondary, String verdict) {
}
