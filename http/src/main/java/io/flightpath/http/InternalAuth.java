package io.flightpath.http;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The check on internal endpoints: a bearer token shared by the services and the telephony
 * platform. Compared in constant time. Health and metrics stay open for probes and scrapers.
 */
public final class InternalAuth implements Handler {
    private final byte[] expected;

    public InternalAuth(String token) {
        if (token == null || token.length() < 16) {
            throw FlightpathException.invalid("the internal token must be at least 16 characters");
        }
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.path().equals("/health") || ctx.path().equals("/metrics")) {
            return;
        }
        String given = ctx.header("Authorization");
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new FlightpathException(ErrorCode.UNAUTHENTICATED, "a valid internal token is required");
        }
    }
}
