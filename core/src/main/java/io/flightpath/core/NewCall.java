package io.flightpath.core;

import java.time.Instant;

/** A call to create: it starts in-flight as queued. {@code parentCallSid} may be null. */
public record NewCall(AccountSid account, String to, String from, Direction direction, CallSid parentCallSid) {
    public NewCall {
        Fields.required(account, "account_sid");
        Fields.required(direction, "direction");
        if (to == null || to.isBlank()) {
            throw FlightpathException.invalid("a call needs a To number");
        }
        if (from == null || from.isBlank()) {
            throw FlightpathException.invalid("a call needs a From number");
        }
    }

    /** The call this request creates at {@code at}: a new SID, status queued, nothing else known yet. */
    public Call create(Instant at) {
        return new Call(CallSid.random(), account, parentCallSid, to, from, null, null, null, CallStatus.QUEUED,
                direction, null, null, null, null, null, null, null, null, null, null, null, at, at);
    }
}
