package io.flightpath.core;

import java.util.Objects;

/**
 * The one unchecked exception Flightpath code throws for expected failures; its {@link ErrorCode}
 * tells callers how to react, and its message is safe to show to the API client.
 */
public class FlightpathException extends RuntimeException {

    private final ErrorCode code;

    public FlightpathException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public FlightpathException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** {@link ErrorCode#INVALID_ARGUMENT} with a {@link String#format} message. */
    public static FlightpathException invalid(String format, Object... args) {
        return new FlightpathException(ErrorCode.INVALID_ARGUMENT, text(format, args));
    }

    /** {@link ErrorCode#NOT_FOUND} with a {@link String#format} message. */
    public static FlightpathException notFound(String format, Object... args) {
        return new FlightpathException(ErrorCode.NOT_FOUND, text(format, args));
    }

    /** {@link ErrorCode#CONFLICT} with a {@link String#format} message. */
    public static FlightpathException conflict(String format, Object... args) {
        return new FlightpathException(ErrorCode.CONFLICT, text(format, args));
    }

    /** {@link ErrorCode#FAILED_PRECONDITION} with a {@link String#format} message. */
    public static FlightpathException failedPrecondition(String format, Object... args) {
        return new FlightpathException(ErrorCode.FAILED_PRECONDITION, text(format, args));
    }

    /** {@link ErrorCode#UNAVAILABLE} with a {@link String#format} message. */
    public static FlightpathException unavailable(String format, Object... args) {
        return new FlightpathException(ErrorCode.UNAVAILABLE, text(format, args));
    }

    /** {@link ErrorCode#INTERNAL} with a {@link String#format} message. */
    public static FlightpathException internal(String format, Object... args) {
        return new FlightpathException(ErrorCode.INTERNAL, text(format, args));
    }

    // Without arguments the text is used as it is, so a message that happens to contain '%'
    // does not blow up while reporting another error.
    private static String text(String format, Object... args) {
        return args.length == 0 ? format : format.formatted(args);
    }
}
