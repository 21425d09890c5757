package io.flightpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SidTest {

    private static final String HEX32 = "0123456789abcdef0123456789abcdef";

    /** The three SID types, so every rule is checked against each. */
    record Kind(String prefix, String otherPrefix, Function<String, Object> parse, Supplier<Object> random,
            Predicate<String> isValid) {
        @Override
        public String toString() {
            return prefix;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("AC", "CA", AccountSid::parse, AccountSid::random, AccountSid::isValid),
                new Kind("CA", "SM", CallSid::parse, CallSid::random, CallSid::isValid),
                new Kind("SM", "AC", MessageSid::parse, MessageSid::random, MessageSid::isValid));
    }

    static Stream<Arguments> kindsWithMalformedValues() {
        return kinds().flatMap(kind -> Stream.of(
                kind.otherPrefix() + HEX32,                       // another type's prefix
                kind.prefix().toLowerCase() + HEX32,              // lowercase prefix
                kind.prefix() + HEX32.substring(1),               // 31 digits
                kind.prefix() + HEX32 + "0",                      // 33 digits
                kind.prefix() + HEX32.toUpperCase(),              // uppercase hex
                kind.prefix() + HEX32.substring(1) + "g",         // not hex
                kind.prefix() + " " + HEX32.substring(1),         // space inside
                kind.prefix(),
                "",
                HEX32)
                .map(value -> Arguments.of(kind, value)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void parseAcceptsPrefixAnd32LowercaseHexDigitsAndToStringIsTheRawValue(Kind kind) {
        String value = kind.prefix() + HEX32;

        Object sid = kind.parse().apply(value);

        assertThat(sid).hasToString(value);
        assertThat(kind.isValid().test(value)).isTrue();
        assertThat(sid).isEqualTo(kind.parse().apply(value));
    }

    @ParameterizedTest(name = "{0} rejects ''{1}''")
    @MethodSource("kindsWithMalformedValues")
    void parseRejectsMalformedValuesWithInvalidArgumentNamingTheValue(Kind kind, String value) {
        assertThat(kind.isValid().test(value)).isFalse();
        assertThatThrownBy(() -> kind.parse().apply(value))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("expected " + kind.prefix() + " followed by 32 lowercase hex digits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void parseRejectsNullWithInvalidArgument(Kind kind) {
        assertThat(kind.isValid().test(null)).isFalse();
        assertThatThrownBy(() -> kind.parse().apply(null))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("null");
    }

    @Test
    void errorMessageNamesTheSidTypeAndTheValue() {
        assertThatThrownBy(() -> CallSid.parse("CAxyz"))
                .hasMessage("not a Call SID: 'CAxyz' (expected CA followed by 32 lowercase hex digits)");
        assertThatThrownBy(() -> AccountSid.parse("x"))
                .hasMessage("not an Account SID: 'x' (expected AC followed by 32 lowercase hex digits)");
        assertThatThrownBy(() -> MessageSid.parse("x"))
                .hasMessage("not a Message SID: 'x' (expected SM followed by 32 lowercase hex digits)");
    }

    @Test
    void constructorValidatesLikeParse() {
        assertThatThrownBy(() -> new AccountSid("AC"))
                .isInstanceOf(FlightpathException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void randomProducesValidDistinctValues(Kind kind) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String value = kind.random().get().toString();
            assertThat(kind.isValid().test(value)).as(value).isTrue();
            seen.add(value);
        }
        assertThat(seen).hasSize(10_000);
    }
}
