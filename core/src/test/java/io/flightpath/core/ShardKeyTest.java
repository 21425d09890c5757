package io.flightpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ShardKeyTest {

    @Test
    void hashIsTheRealXxHash64WithSeedZero() {
        // Published xxHash64 values; a different function or seed cannot produce both.
        assertThat(ShardKey.hash("")).isEqualTo(0xef46db3751d8e999L);
        assertThat(ShardKey.hash("abc")).isEqualTo(0x44bc2cf5ad770999L);
    }

    /** Pinned: if any of these change, every account would land on a different shard. */
    @ParameterizedTest
    @CsvSource({
            "AC00000000000000000000000000000000, b65995794d71a795",
            "ACffffffffffffffffffffffffffffffff, 79f91b6693dd6484",
            "AC0123456789abcdef0123456789abcdef, 1667cdc497f12932"})
    void shardKeyOfAccountIsPinned(String account, String expectedHex) {
        assertThat(ShardKey.hex(ShardKey.of(AccountSid.parse(account)))).isEqualTo(expectedHex);
    }

    @Test
    void shardKeyOfNullAccountIsInvalidArgument() {
        assertThatThrownBy(() -> ShardKey.of(null))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0000000000000000",
            "1, 0000000000000001",
            "-1, ffffffffffffffff",
            "-9223372036854775808, 8000000000000000",
            "9223372036854775807, 7fffffffffffffff"})
    void hexIsSixteenLowercaseDigitsZeroPaddedAndUnsigned(long key, String expected) {
        assertThat(ShardKey.hex(key)).isEqualTo(expected);
    }

    @Test
    void parseHexRoundTripsEveryKeyIncludingTopBitSet() {
        long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000000000000001L, 0xef46db3751d8e999L};
        for (long key : edges) {
            assertThat(ShardKey.parseHex(ShardKey.hex(key))).isEqualTo(key);
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1_000; i++) {
            long key = random.nextLong();
            assertThat(ShardKey.parseHex(ShardKey.hex(key))).isEqualTo(key);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "f, 15",
            "F, 15",
            "0x10, 16",
            "0XfF, 255",
            "ffffffffffffffff, -1",
            "0x8000000000000000, -9223372036854775808"})
    void parseHexAcceptsOneToSixteenDigitsOfEitherCaseWithOptional0x(String text, long expected) {
        assertThat(ShardKey.parseHex(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0x", "x1", "10000000000000000", "0x10000000000000000", "g", "-1", "+1", " 1", "1 ", "0x-1"})
    void parseHexRejectsAnythingElseWithInvalidArgument(String text) {
        assertThatThrownBy(() -> ShardKey.parseHex(text))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageStartingWith("not a shard key: ");
    }

    @Test
    void compareOrdersKeysAsUnsignedNumbers() {
        assertThat(ShardKey.compare(Long.MIN_VALUE, Long.MAX_VALUE)).isPositive();
        assertThat(ShardKey.compare(-1L, 0L)).isPositive();
        assertThat(ShardKey.compare(0L, -1L)).isNegative();
        assertThat(ShardKey.compare(1L, 2L)).isNegative();
        assertThat(ShardKey.compare(0xef46db3751d8e999L, 0xef46db3751d8e999L)).isZero();
    }
}
