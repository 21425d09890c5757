package io.flightpath.aggregator.twilio;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;

/** A public API error that carries its own Twilio code, for cases the generic mapping would blur. */
public final class PublicApiException extends FlightpathException {
    private final TwilioError error;

    public PublicApiException(ErrorCode code, int status, int twilioCode, String message) {
        super(code, message);
        this.error = TwilioError.of(status, twilioCode, message);
    }

    public static PublicApiException badRequest(int twilioCode, String message) {
        return new PublicApiException(ErrorCode.INVALID_ARGUMENT, 400, twilioCode, message);
    }

    public TwilioError error() {
        return error;
    }
}
