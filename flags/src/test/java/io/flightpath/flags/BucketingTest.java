package io.flightpath.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bucketing function is part of the contract (README): these vectors must never change. */
class BucketingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|00000000",
            "hello|248bfa47",
            "The quick brown fox jumps over the lazy dog|2e4ff723"})
    void theHashIsMurmurHash3X86ThirtyTwoBitWithSeedZero(String input, String hex) {
        assertThat(Integer.toHexString(Bucketing.hash(input.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Integer.toHexString(Integer.parseUnsignedInt(hex, 16)));
    }

    @ParameterizedTest
    @CsvSource({
            "services-path, AC00000000000000000000000000000000, 4376",
            "services-path, ACffffffffffffffffffffffffffffffff, 9766",
            "services-path, AC0123456789abcdef0123456789abcdef, 5219",
            "new-pipeline, AC0123456789abcdef0123456789abcdef, 7406"})
    void anAccountsBucketIsTheHashOfFlagColonSidModuloTenThousand(String flag, String sid, int bucket) {
        assertThat(Bucketing.bucket(flag, sid)).isEqualTo(bucket);
    }

    @Test
    void theSameAccountFallsInDifferentBucketsForDifferentFlags() {
        String sid = "AC0123456789abcdef0123456789abcdef";
        assertThat(Bucketing.bucket("services-path", sid)).isNotEqualTo(Bucketing.bucket("new-pipeline", sid));
    }

    @Test
    void theKeyIsTheUtf8OfFlagColonSidAlsoForTextBeyondAscii() {
        assertThat(Bucketing.key("services-path", "AC0123")).isEqualTo("services-path:AC0123".getBytes(StandardCharsets.UTF_8));
        assertThat(Bucketing.key("services-path", "Zürich-é")).isEqualTo("services-path:Zürich-é".getBytes(StandardCharsets.UTF_8));
    }

    /** The allocation-free hash over the two strings must equal commons-codec's over the key's bytes, at every alignment of the prefix and the tail. */
    @Test
    void theHashOverTheStringsIsCommonsCodecsOverTheKeysBytes() {
        Random random = new Random(10);
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789._-ACüé€";
        for (int run = 0; run < 20_000; run++) {
            String flag = text(random, chars, random.nextInt(1, 20));
            String sid = run % 2 == 0 ? "AC" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                    : text(random, chars, random.nextInt(0, 40));
            byte[] key = (flag + ":" + sid).getBytes(StandardCharsets.UTF_8);
            int expected = MurmurHash3.hash32x86(key, 0, key.length, 0);
            assertThat(Bucketing.of(flag).hash(sid)).as("%s:%s", flag, sid).isEqualTo(expected);
            assertThat(Bucketing.bucket(flag, sid)).isEqualTo((int) (Integer.toUnsignedLong(expected) % 10_000));
        }
    }

    /** Mostly ASCII, one key in ten with a char beyond it (the fallback over the bytes). */
    private static String text(Random random, String chars, int length) {
        int alphabet = random.nextInt(10) == 0 ? chars.length() : chars.length() - 3;
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(chars.charAt(random.nextInt(alphabet)));
        }
        return s.toString();
    }
}
