package io.flightpath.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies one SMS, MMS or WhatsApp message. The value is always valid: {@code SM} followed by 32 lowercase hex digits.
 */
public record MessageSid(@JsonValue String value) {

    private static final SidFormat FORMAT = new SidFormat("SM", "a Message SID");

    /** Throws INVALID_ARGUMENT naming {@code value} unless it is a well-formed Message SID. */
    public MessageSid {
        value = FORMAT.check(value);
    }

    /** Same as the constructor; reads better where the text comes from outside. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MessageSid parse(String value) {
        return new MessageSid(value);
    }

    /** A new SID with 128 bits from a SecureRandom. */
    public static MessageSid random() {
        return new MessageSid(FORMAT.random());
    }

    public static boolean isValid(String value) {
        return FORMAT.isValid(value);
    }

    /** The raw SID, as it appears on the wire and in storage. */
    @Override
    public String toString() {
        return value;
    }
}
