package io.flightpath.flags;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The bucket of an account for a flag's percentage rollout: MurmurHash3 (x86, 32-bit, seed 0) of
 * the UTF-8 bytes of {@code flagName + ":" + accountSid}, read as an unsigned number, modulo
 * 10,000. The same account lands in the same bucket on every node and after every restart, and
 * raising a percentage only adds buckets, so no account that was in falls out.
 *
 * <p>An instance holds one flag's hash state after {@code flagName:}, so that bucketing an
 * account hashes only the account's chars, without building the key. Thread-safe.
 */
public final class Bucketing {
    /** The seed of the hash; part of the documented definition, never to change. */
    public static final int SEED = 0;
    /** Buckets per flag: one per hundredth of a percent. */
    public static final int BUCKETS = 10_000;

    /** Bytes of {@code flagName:}; the whole 4-byte blocks of them mixed into {@link #h1}, the 0 to 3 left over in {@link #tail}. */
    private final String flagName;
    private final int prefixLength;
    private final int h1;
    private final int tail;

    private Bucketing(String flagName) {
        this.flagName = flagName;
        byte[] prefix = (flagName + ":").getBytes(StandardCharsets.UTF_8);
        prefixLength = prefix.length;
        int blocks = prefixLength & ~3;
        int h = SEED;
        for (int i = 0; i < blocks; i += 4) {
            h = mix(h, block(prefix, i));
        }
        int k = 0;
        for (int i = blocks; i < prefixLength; i++) {
            k |= (prefix[i] & 0xff) << ((i - blocks) << 3);
        }
        h1 = h;
        tail = k;
    }

    /** The bucketing of one flag's accounts. */
    public static Bucketing of(String flagName) {
        return new Bucketing(flagName);
    }

    /** The account's bucket for the flag, from 0 to {@link #BUCKETS} - 1. */
    public static int bucket(String flagName, String accountSid) {
        return of(flagName).bucket(accountSid);
    }

    /** The account's bucket for this flag, from 0 to {@link #BUCKETS} - 1. */
    public int bucket(String accountSid) {
        return (int) (Integer.toUnsignedLong(hash(accountSid)) % BUCKETS);
    }

    /**
     * The hash of {@code flagName:accountSid}, carried on from the prefix's state over the account's
     * chars, read straight from the string: ASCII chars are their own UTF-8 bytes, and an account
     * with any other char is hashed over its key's bytes instead.
     */
    int hash(String accountSid) {
        int n = accountSid.length();
        int h = h1;
        int k = tail;
        int filled = prefixLength & 3;
        int seen = 0;
        int i = 0;
        for (; filled > 0 && filled < 4 && i < n; filled++, i++) { // complete the block the prefix began
            char c = accountSid.charAt(i);
            seen |= c;
            k |= c << (filled << 3);
        }
        if (filled == 4) {
            h = mix(h, k);
            k = 0;
            filled = 0;
        }
        if (filled == 0) { // aligned: whole blocks, then what is left
            for (; i + 4 <= n; i += 4) {
                char c0 = accountSid.charAt(i);
                char c1 = accountSid.charAt(i + 1);
                char c2 = accountSid.charAt(i + 2);
                char c3 = accountSid.charAt(i + 3);
                seen |= c0 | c1 | c2 | c3;
                h = mix(h, c0 | c1 << 8 | c2 << 16 | c3 << 24);
            }
            for (; i < n; i++, filled++) {
                char c = accountSid.charAt(i);
                seen |= c;
                k |= c << (filled << 3);
            }
        }
        if (seen >= 0x80) {
            return hash(key(flagName, accountSid));
        }
        if (filled > 0) {
            h ^= Integer.rotateLeft(k * 0xcc9e2d51, 15) * 0x1b873593;
        }
        return fmix(h ^ (prefixLength + n));
    }

    private static int block(byte[] b, int i) {
        return b[i] & 0xff | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static int mix(int h, int k) {
        h ^= Integer.rotateLeft(k * 0xcc9e2d51, 15) * 0x1b873593;
        return Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }

    /** The UTF-8 bytes of {@code flagName + ":" + accountSid}: the hash's input as the README defines it. */
    static byte[] key(String flagName, String accountSid) {
        return (flagName + ":" + accountSid).getBytes(StandardCharsets.UTF_8);
    }

    /** MurmurHash3 x86 32-bit with {@link #SEED}, as the test vectors pin it. */
    static int hash(byte[] bytes) {
        return MurmurHash3.hash32x86(bytes, 0, bytes.length, SEED);
    }
}
