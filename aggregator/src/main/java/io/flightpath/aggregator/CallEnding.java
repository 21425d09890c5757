package io.flightpath.aggregator;

import io.flightpath.core.CallStatus;
import io.flightpath.core.FlightpathException;

/**
 * How a client asks to end a call, as Twilio's Status parameter of a call update does: canceled
 * cancels a call not yet answered, completed hangs up a call in progress and cancels any other.
 */
public enum CallEnding {
    CANCELED,
    COMPLETED;

    /** INVALID_ARGUMENT unless {@code word} is canceled or completed. */
    public static CallEnding fromWire(String word) {
        return switch (word) {
            case "canceled" -> CANCELED;
            case "completed" -> COMPLETED;
            default -> throw FlightpathException.invalid("Status must be canceled or completed, was '%s'", word);
        };
    }

    /** The status a call in {@code current} is asked to move to. */
    public CallStatus statusFrom(CallStatus current) {
        return this == COMPLETED && current == CallStatus.IN_PROGRESS ? CallStatus.COMPLETED : CallStatus.CANCELED;
    }
}
