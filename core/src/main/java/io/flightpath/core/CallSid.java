package io.flightpath.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies one call. The value is always valid: {@code CA} followed by 32 lowercase hex digits.
 */
public record CallSid(@JsonValue String value) {

    private static final SidFormat FORMAT = new SidFormat("CA", "a Call SID");

    /** Throws INVALID_ARGUMENT naming {@code value} unless it is a well-formed Call SID. */
    public CallSid {
        value = FORMAT.check(value);
    }

    /** Same as the constructor; reads better where the text comes from outside. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CallSid parse(String value) {
        return new CallSid(value);
    }

    /** A new SID with 128 bits from a SecureRandom. */
    public static CallSid random() {
        return new CallSid(FORMAT.random());
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
