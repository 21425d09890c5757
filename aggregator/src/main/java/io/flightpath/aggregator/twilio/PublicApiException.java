package io.flightpath.aggregator.twilio;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.time.Duration;

/** A public API error that carries its own Twilio code, for cases the generic mapping would blur. */
public final class PublicApiException extends FlightpathException {
    private final TwilioError error;
    private final Duration retryAfter;

    public PublicApiException(ErrorCode code, int status, int twilioCode, String message) {
        this(code, status, twilioCode, message, null);
    }

    private PublicApiException(ErrorCode code, int status, int twilioCode, String message, Duration retryAfter) {
        super(code, message);
        this.error = TwilioError.of(status, twilioCode, message);
        this.retryAfter = retryAfter;
    }

    public static PublicApiException badRequest(int twilioCode, String message) {
        return new PublicApiException(ErrorCode.INVALID_ARGUMENT, 400, twilioCode, message);
    }

    /** 429 (20429), with how long the client should wait before it tries again. */
    public static PublicApiException tooManyRequests(Duration retryAfter, String message) {
        return new PublicApiException(ErrorCode.UNAVAILABLE, 429, TwilioError.TOO_MANY_REQUESTS, message, retryAfter);
    }

    public TwilioError error() {
        return error;
    }

    /** How long to wait before retrying; null when waiting would not help. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
