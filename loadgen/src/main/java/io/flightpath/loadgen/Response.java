package io.flightpath.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.Json;
import java.io.IOException;

/**
 * A final answer: the HTTP status and body, or status 0 and the I/O failure when there was none;
 * {@code unsent} when that failure came before a connection was made, so the request never left.
 */
record Response(int status, byte[] body, String failure, boolean unsent) {

    Response(int status, byte[] body, String failure) {
        this(status, body, failure, false);
    }

    /** An I/O failure once connected: the server may have received the request. */
    static Response failed(String failure) {
        return new Response(0, new byte[0], failure, false);
    }

    /** No connection could be made (refused, unreachable, connect timeout): nothing was sent. */
    static Response notConnected(String failure) {
        return new Response(0, new byte[0], failure, true);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON; a 2xx answer that does not parse is the server's bug and fails loudly. */
    JsonNode json() {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw FlightpathException.internal("a %d answer whose body is not JSON: %s", status, e.getMessage());
        }
    }

    /** For messages: the status, or the I/O failure. */
    String describe() {
        return status == 0 ? failure : "HTTP " + status;
    }

    /** A failed request's final answer in one line: method, path, tries, and the status with the start of the body, or the I/O failure. */
    String summary(java.net.http.HttpRequest request, int tries) {
        String answer = status == 0 ? failure : "HTTP " + status + " " + new String(body, 0, Math.min(body.length, 200),
                java.nio.charset.StandardCharsets.UTF_8).replace('\n', ' ');
        // the node and the time, to find the request in that node's log and beside the faults of the run
        return request.method() + " " + request.uri().getPath() + " on " + request.uri().getAuthority() + " after " + tries
                + (tries == 1 ? " try" : " tries") + ", last at " + java.time.LocalTime.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                + ": " + answer;
    }
}
