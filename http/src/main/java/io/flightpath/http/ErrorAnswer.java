package io.flightpath.http;

import java.util.Map;

/** What answers an error: the HTTP status, extra headers and the body, written as JSON. */
public record ErrorAnswer(int status, Map<String, String> headers, Object body) {
    public ErrorAnswer(int status, Object body) {
        this(status, Map.of(), body);
    }
}
