package io.flightpath.flags;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The bucket of an account for a flag's percentage rollout: MurmurHash3 (x86, 32-bit, seed 0) of
 * the UTF-8 bytes of {@code flagName + ":" + accountSid}, read as an unsigned number, modulo
 * 10,000. The same account lands in the same bucket on every node and after every restart, and
 * raising a percentage only adds buckets, so no account that was in falls out.
 */
public final class Bucketing {
    /** The seed of the hash; part of the documented definition, never to change. */
    public static final int SEED = 0;
    /** Buckets per flag: one per hundredth of a percent. */
    public static final int BUCKETS = 10_000;

    private Bucketing() {
    }

    /** The account's bucket for the flag, from 0 to {@link #BUCKETS} - 1. */
    public static int bucket(String flagName, String accountSid) {
        return (int) (Integer.toUnsignedLong(hash(key(flagName, accountSid))) % BUCKETS);
    }

    /**
     * The UTF-8 bytes of {@code flagName + ":" + accountSid}. Flag names and SIDs are ASCII, whose
     * UTF-8 is one byte per char: copied straight into one array, without building the string
     * (this runs on every evaluation of a rollout).
     */
    static byte[] key(String flagName, String accountSid) {
        int n = flagName.length();
        byte[] key = new byte[n + 1 + accountSid.length()];
        if (!ascii(flagName, key, 0) || !ascii(accountSid, key, n + 1)) {
            return (flagName + ":" + accountSid).getBytes(StandardCharsets.UTF_8);
        }
        key[n] = ':';
        return key;
    }

    private static boolean ascii(String s, byte[] into, int at) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            into[at + i] = (byte) c;
        }
        return true;
    }

    /** MurmurHash3 x86 32-bit with {@link #SEED}, as the test vectors pin it. */
    static int hash(byte[] bytes) {
        return MurmurHash3.hash32x86(bytes, 0, bytes.length, SEED);
    }
}
