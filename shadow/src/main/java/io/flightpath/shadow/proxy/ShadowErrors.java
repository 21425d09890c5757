package io.flightpath.shadow.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors of Shadow itself, told apart from the stable side's own: JSON
 * {@code {"shadow_error": "stable_connection", "message": "..."}} with header {@code X-Shadow-Error}.
 */
public final class ShadowErrors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShadowErrors() {
    }

    public static void write(Context ctx, int status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("shadow_error", code);
        body.put("message", message);
        try {
            ctx.status(status).header("X-Shadow-Error", code).contentType("application/json")
                    .result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding an error body", e);
        }
    }
}
