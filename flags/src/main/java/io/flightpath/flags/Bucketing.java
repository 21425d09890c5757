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
        byte[] key = (flagName + ":" + accountSid).getBytes(StandardCharsets.UTF_8);
        return (int) (Integer.toUnsignedLong(hash(key)) % BUCKETS);
    }

    /** MurmurHash3 x86 32-bit with {@link #SEED}, as the test vectors pin it. */
    static int hash(byte[] bytes) {
        return MurmurHash3.hash32x86(bytes, 0, bytes.length, SEED);
    }
}
