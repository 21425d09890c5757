package io.flightpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checks every status enum must pass, driven by an explicit table in each subclass and run
 * over every ordered pair of statuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StatusTransitionContract<S extends Enum<S> & RecordStatus> {

    private final S[] values;
    private final String kind;

    StatusTransitionContract(Class<S> type, String kind) {
        this.values = type.getEnumConstants();
        this.kind = kind;
    }

    /** The expected moves, written out independently of the production table. */
    abstract Map<S, Set<S>> allowedMoves();

    abstract Set<S> postFlight();

    /** Twilio's words, in declaration order. */
    abstract List<String> wireWords();

    abstract boolean canMoveTo(S from, S to);

    abstract void checkMoveTo(S from, S to);

    abstract S fromWire(String word);

    Stream<Arguments> everyOrderedPair() {
        return Arrays.stream(values).flatMap(from -> Arrays.stream(values).map(to -> Arguments.of(from, to)));
    }

    Stream<S> statuses() {
        return Arrays.stream(values);
    }

    Stream<S> postFlightStatuses() {
        return postFlight().stream();
    }

    private boolean allowed(S from, S to) {
        return allowedMoves().getOrDefault(from, Set.of()).contains(to);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyOrderedPair")
    void canMoveToMatchesTheTransitionTable(S from, S to) {
        assertThat(canMoveTo(from, to)).isEqualTo(allowed(from, to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyOrderedPair")
    void checkMoveToThrowsFailedPreconditionNamingBothWireWordsExactlyWhenTheMoveIsNotAllowed(S from, S to) {
        if (allowed(from, to)) {
            assertThatCode(() -> checkMoveTo(from, to)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> checkMoveTo(from, to))
                    .isInstanceOfSatisfying(FlightpathException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                    .hasMessage(kind + " cannot move from " + from.wire() + " to " + to.wire());
        }
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void isPostFlightMatchesTheArchitecture(S status) {
        assertThat(status.isPostFlight()).isEqualTo(postFlight().contains(status));
    }

    @ParameterizedTest
    @MethodSource("postFlightStatuses")
    void postFlightStatusesAreFinal(S status) {
        assertThat(values).noneMatch(next -> canMoveTo(status, next));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void aRepeatedStatusIsNotAMove(S status) {
        assertThat(canMoveTo(status, status)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void wireWordRoundTrips(S status) {
        assertThat(fromWire(status.wire())).isSameAs(status);
    }

    @Test
    void wireWordsAreTwilios() {
        assertThat(statuses().map(RecordStatus::wire)).containsExactlyElementsOf(wireWords());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"bogus", "in_progress", "QUEUED", "Failed", " queued", "queued "})
    void fromWireRejectsUnknownWordsListingTheAcceptedOnes(String word) {
        assertThatThrownBy(() -> fromWire(word))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageStartingWith("unknown " + kind + ": ")
                .hasMessageEndingWith("(expected one of: " + String.join(", ", wireWords()) + ")");
    }
}
