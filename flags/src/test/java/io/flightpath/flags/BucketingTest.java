package io.flightpath.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}
