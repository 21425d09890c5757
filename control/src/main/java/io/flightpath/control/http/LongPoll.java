package io.flightpath.control.http;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-poll routes' terms: how a held ask says how long it may be held ({@code wait=200ms},
 * {@code wait=2s}), and, in a client, when to ask that way. A control server from before the
 * routes answers 404: the client then polls the plain route instead, and tries the held one again
 * after {@link #RETRY} (the server may have been upgraded). Thread-safe.
 */
final class LongPoll {
    private static final Logger LOG = LoggerFactory.getLogger(LongPoll.class);
    private static final Pattern WAIT = Pattern.compile("(\\d{1,6})(ms|s)");
    static final Duration RETRY = Duration.ofMinutes(1);

    private final String route;
    private volatile long missingSince;
    private volatile boolean missing;

    LongPoll(String route) {
        this.route = route;
    }

    /** {@code held} while the server has the route, else {@code plain}; other errors propagate. */
    <T> T ask(Supplier<T> held, Supplier<T> plain) {
        if (missing && System.nanoTime() - missingSince < RETRY.toNanos()) {
            return plain.get();
        }
        try {
            T answer = held.get();
            missing = false;
            return answer;
        } catch (FlightpathException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            if (!missing) {
                LOG.info("the control service has no {} (an older version): polling, and trying it again every {}", route, RETRY);
            }
            missingSince = System.nanoTime();
            missing = true;
            return plain.get();
        }
    }

    static String format(Duration wait) {
        return wait.toMillis() + "ms";
    }

    /** The {@code wait} parameter of a held ask. */
    static Duration wait(Context ctx) {
        String v = ctx.queryParam("wait");
        Matcher m = v == null ? null : WAIT.matcher(v);
        if (m == null || !m.matches()) {
            throw FlightpathException.invalid("wait must be a duration such as 200ms or 2s, was '%s'", v);
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
    }

    /** A required version parameter of a held ask. */
    static long version(Context ctx, String name) {
        String v = ctx.queryParam(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw FlightpathException.invalid("%s must be a version number, was '%s'", name, v);
        }
    }

    /** A required version parameter of a held ask that fits an int (the map versions, the pool generation). */
    static int intVersion(Context ctx, String name) {
        long v = version(ctx, name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw FlightpathException.invalid("%s must be a version number, was '%s'", name, ctx.queryParam(name));
        }
        return (int) v;
    }
}
