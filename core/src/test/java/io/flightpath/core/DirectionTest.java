package io.flightpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectionTest {

    @ParameterizedTest
    @EnumSource(Direction.class)
    void wireWordRoundTrips(Direction direction) {
        assertThat(Direction.fromWire(direction.wire())).isSameAs(direction);
    }

    @Test
    void wireWordsAreTwilios() {
        assertThat(Arrays.stream(Direction.values()).map(Direction::wire))
                .containsExactly("inbound", "outbound-api", "outbound-call", "outbound-dial", "outbound-reply");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"outbound", "outbound_api", "INBOUND"})
    void fromWireRejectsUnknownWordsListingTheAcceptedOnes(String word) {
        assertThatThrownBy(() -> Direction.fromWire(word))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageEndingWith("(expected one of: inbound, outbound-api, outbound-call, outbound-dial, "
                        + "outbound-reply)");
    }
}
