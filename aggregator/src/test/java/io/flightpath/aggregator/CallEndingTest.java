package io.flightpath.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.CallStatus;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancel versus hang up: the status a call update asks for, by the call's status. */
class CallEndingTest {

    @ParameterizedTest
    @CsvSource({
            "canceled, queued, CANCELED",
            "canceled, ringing, CANCELED",
            "canceled, in-progress, CANCELED",
            "completed, queued, CANCELED",
            "completed, ringing, CANCELED",
            "completed, in-progress, COMPLETED"})
    void completedHangsUpOnlyACallInProgress(String asked, String current, CallStatus expected) {
        assertThat(CallEnding.fromWire(asked).statusFrom(CallStatus.fromWire(current))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-progress", "busy", "Completed", ""})
    void anyOtherStatusIsAnInvalidArgument(String asked) {
        assertThatThrownBy(() -> CallEnding.fromWire(asked))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Status must be canceled or completed, was '" + asked + "'");
    }
}
