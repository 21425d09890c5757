package io.flightpath.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies an account, the owner of calls and messages and the key that post-flight storage is sharded by. The value is always valid: {@code AC} followed by 32 lowercase hex digits.
 */
public record AccountSid(@JsonValue String value) {

    private static final SidFormat FORMAT = new SidFormat("AC", "an Account SID");

    /** Throws INVALID_ARGUMENT naming {@code value} unless it is a well-formed Account SID. */
    public AccountSid {
        value = FORMAT.check(value);
    }

    /** Same as the constructor; reads better where the text comes from outside. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AccountSid parse(String value) {
        return new AccountSid(value);
    }

    /** A new SID with 128 bits from a SecureRandom. */
    public static AccountSid random() {
        return new AccountSid(FORMAT.random());
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
