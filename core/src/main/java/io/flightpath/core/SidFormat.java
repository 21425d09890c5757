package io.flightpath.core;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shape shared by every SID: a two-letter type prefix followed by 32 lowercase hex digits
 * (128 bits). Each SID record holds one instance and delegates validation and generation to it.
 */
final class SidFormat {

    private static final int HEX_DIGITS = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final String prefix;
    private final String description;

    /** {@code description} is the noun phrase used in errors, e.g. "a Call SID". */
    SidFormat(String prefix, String description) {
        this.prefix = prefix;
        this.description = description;
    }

    boolean isValid(String value) {
        if (value == null || value.length() != prefix.length() + HEX_DIGITS || !value.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            // Only lowercase: SIDs are compared and hashed as strings, so "ACAB.." and "acab.."
            // must not both be accepted as the same account.
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code value} unchanged, or throws INVALID_ARGUMENT naming it. */
    String check(String value) {
        if (!isValid(value)) {
            String shown = value == null ? "null" : "'" + value + "'";
            throw FlightpathException.invalid("not %s: %s (expected %s followed by %d lowercase hex digits)",
                    description, shown, prefix, HEX_DIGITS);
        }
        return value;
    }

    /** 128 bits from a SecureRandom, so independently generated SIDs do not collide in practice. */
    String random() {
        byte[] bits = new byte[HEX_DIGITS / 2];
        RANDOM.nextBytes(bits);
        return prefix + HEX.formatHex(bits);
    }
}
