package io.flightpath.core;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.openhft.hashing.LongHashFunction;

/**
 * The 64-bit key that places an account's post-flight records on a shard: xxHash64 (seed 0) of
 * the UTF-8 bytes of the AccountSid string. Key ranges are ordered by the value read as an
 * UNSIGNED 64-bit number, so 0x8000000000000000 sorts after 0x7fffffffffffffff; always order
 * with {@link #compare}, never with {@code <} or {@link Long#compare}. Changing the function
 * would move every account to another shard.
 */
public final class ShardKey {

    private static final LongHashFunction XX = LongHashFunction.xx(0);
    private static final HexFormat HEX = HexFormat.of();

    private ShardKey() {
    }

    public static long of(AccountSid account) {
        return hash(Fields.required(account, "account sid").value());
    }

    /** Visible for the test that checks the library is the real xxHash64. */
    static long hash(String text) {
        return XX.hashBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** 16 lowercase hex digits, zero-padded, unsigned: the form keys take in config and logs. */
    public static String hex(long key) {
        return HEX.toHexDigits(key);
    }

    /**
     * Reads 1 to 16 hex digits of either case, with an optional "0x" prefix, as an unsigned key;
     * anything else throws INVALID_ARGUMENT.
     */
    public static long parseHex(String text) {
        String digits = text != null && (text.startsWith("0x") || text.startsWith("0X")) ? text.substring(2) : text;
        if (digits == null || digits.isEmpty() || digits.length() > 16 || !digits.chars().allMatch(HexFormat::isHexDigit)) {
            throw FlightpathException.invalid("not a shard key: %s (expected 1 to 16 hex digits, optionally after 0x)",
                    text == null ? "null" : "'" + text + "'");
        }
        return Long.parseUnsignedLong(digits, 16);
    }

    /** Unsigned order of two keys, as {@link Long#compareUnsigned}. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }
}
