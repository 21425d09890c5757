package io.flightpath.inflight.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.FlightpathException;
import org.junit.jupiter.api.Test;

class GroupCommitConfigTest {
    @Test
    void boundsBelowOneAreRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> new GroupCommitConfig(0, 10))
                .isInstanceOf(FlightpathException.class).hasMessage("maxGroupEvents must be >= 1, was 0");
        assertThatThrownBy(() -> new GroupCommitConfig(10, -1))
                .isInstanceOf(FlightpathException.class).hasMessage("maxQueued must be >= 1, was -1");
        assertThatThrownBy(() -> new GroupCommitConfig(10, 10, 0))
                .isInstanceOf(FlightpathException.class).hasMessage("committers must be >= 1, was 0");
    }
}
