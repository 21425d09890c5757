package io.flightpath.http;

import io.flightpath.core.FlightpathException;
import java.time.Duration;

/**
 * What one client may take of a server: the largest request body, how long a request head (request
 * line and headers) may take to arrive, and how many connections one client address may hold.
 */
public record ServerLimits(long maxRequestBytes, Duration headDeadline, int connectionsPerClient) {
    public static final Duration DEFAULT_HEAD_DEADLINE = Duration.ofSeconds(10);
    public static final int DEFAULT_CONNECTIONS_PER_CLIENT = 512;

    public ServerLimits {
        if (maxRequestBytes < 1) {
            throw FlightpathException.invalid("maxRequestBytes must be >= 1, was %d", maxRequestBytes);
        }
        if (headDeadline.isNegative() || headDeadline.isZero()) {
            throw FlightpathException.invalid("headDeadline must be > 0, was %s", headDeadline);
        }
        if (connectionsPerClient < 1) {
            throw FlightpathException.invalid("connectionsPerClient must be >= 1, was %d", connectionsPerClient);
        }
    }

    /** The default head deadline and connection cap, with this body limit. */
    public static ServerLimits of(long maxRequestBytes) {
        return new ServerLimits(maxRequestBytes, DEFAULT_HEAD_DEADLINE, DEFAULT_CONNECTIONS_PER_CLIENT);
    }

    public ServerLimits withMaxRequestBytes(long bytes) {
        return new ServerLimits(bytes, headDeadline, connectionsPerClient);
    }
}
