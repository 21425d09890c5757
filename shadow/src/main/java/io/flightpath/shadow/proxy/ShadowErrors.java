package io.flightpath.shadow.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors of Shadow itself, told apart from the stable side's own: JSON
 * {@code {"shadow_error": "stable_connection", "message": "..."}} with header {@code X-Shadow-Error}.
 */
final class ShadowErrors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShadowErrors() {
    }

    /** Writes the whole error response and completes {@code callback}. */
    static void write(Response res, Callback callback, int status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("shadow_error", code);
        body.put("message", message);
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding an error body", e);
        }
        res.setStatus(status);
        res.getHeaders().put("X-Shadow-Error", code);
        res.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        res.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        res.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
