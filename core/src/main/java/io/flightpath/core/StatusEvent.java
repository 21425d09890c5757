package io.flightpath.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A status change the telephony platform reports for a call (CA…) or a message (SM…). The SID's
 * prefix says which; {@code status} is the wire word. Optional details travel with it.
 */
public record StatusEvent(String sid, String status, Instant at, String answeredBy, Integer errorCode, String errorMessage) {
    public StatusEvent {
        Fields.required(at, "event time");
        if (!isCall(sid) && !isMessage(sid)) {
            throw FlightpathException.invalid("event sid must be a Call or Message SID, was '%s'", sid);
        }
        if (isCall(sid)) {
            CallStatus.fromWire(status);
        } else {
            MessageStatus.fromWire(status);
        }
    }

    public static StatusEvent of(CallSid sid, CallStatus status, Instant at) {
        return new StatusEvent(sid.value(), status.wire(), at, null, null, null);
    }

    public static StatusEvent of(MessageSid sid, MessageStatus status, Instant at) {
        return new StatusEvent(sid.value(), status.wire(), at, null, null, null);
    }

    @JsonIgnore
    public boolean isCall() {
        return isCall(sid);
    }

    public CallSid callSid() {
        return CallSid.parse(sid);
    }

    public MessageSid messageSid() {
        return MessageSid.parse(sid);
    }

    public CallStatus callStatus() {
        return CallStatus.fromWire(status);
    }

    public MessageStatus messageStatus() {
        return MessageStatus.fromWire(status);
    }

    private static boolean isCall(String sid) {
        return CallSid.isValid(sid);
    }

    private static boolean isMessage(String sid) {
        return MessageSid.isValid(sid);
    }
}
