package io.flightpath.core;

import java.time.Instant;

/** Records with fixed, readable values for tests to start from. */
final class Samples {

    static final Instant CREATED = Instant.parse("2024-05-01T12:00:00Z");
    static final AccountSid ACCOUNT = AccountSid.parse("AC0123456789abcdef0123456789abcdef");

    private Samples() {
    }

    static Call call(CallStatus status) {
        return new Call(CallSid.parse("CA0123456789abcdef0123456789abcdef"), ACCOUNT, null,
                "+14155550100", "+14155550199", "(415) 555-0100", "(415) 555-0199", null,
                status, Direction.OUTBOUND_API, null, null, null, null, null, null,
                null, "USD", 120L, null, null, CREATED, CREATED);
    }

    static Message message(MessageStatus status, Direction direction) {
        return new Message(MessageSid.parse("SM0123456789abcdef0123456789abcdef"), ACCOUNT,
                "+14155550100", "+14155550199", "Your code is 123456", 1, 0, status, direction,
                null, null, null, null, "USD", CREATED, CREATED, null);
    }
}
