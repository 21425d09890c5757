package io.flightpath.core;

import static io.flightpath.core.CallStatus.BUSY;
import static io.flightpath.core.CallStatus.CANCELED;
import static io.flightpath.core.CallStatus.COMPLETED;
import static io.flightpath.core.CallStatus.FAILED;
import static io.flightpath.core.CallStatus.IN_PROGRESS;
import static io.flightpath.core.CallStatus.NO_ANSWER;
import static io.flightpath.core.CallStatus.QUEUED;
import static io.flightpath.core.CallStatus.RINGING;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallStatusTransitionTest extends StatusTransitionContract<CallStatus> {

    CallStatusTransitionTest() {
        super(CallStatus.class, "call status");
    }

    @Override
    Map<CallStatus, Set<CallStatus>> allowedMoves() {
        return Map.of(
                QUEUED, EnumSet.of(RINGING, IN_PROGRESS, CANCELED, FAILED, BUSY, NO_ANSWER),
                RINGING, EnumSet.of(IN_PROGRESS, BUSY, NO_ANSWER, FAILED, CANCELED),
                IN_PROGRESS, EnumSet.of(COMPLETED, FAILED));
    }

    @Override
    Set<CallStatus> postFlight() {
        return EnumSet.of(COMPLETED, BUSY, FAILED, NO_ANSWER, CANCELED);
    }

    @Override
    List<String> wireWords() {
        return List.of("queued", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled");
    }

    @Override
    boolean canMoveTo(CallStatus from, CallStatus to) {
        return from.canMoveTo(to);
    }

    @Override
    void checkMoveTo(CallStatus from, CallStatus to) {
        from.checkMoveTo(to);
    }

    @Override
    CallStatus fromWire(String word) {
        return CallStatus.fromWire(word);
    }

    @Test
    void refusedMoveReadsAsASentence() {
        assertThatThrownBy(() -> COMPLETED.checkMoveTo(RINGING))
                .hasMessage("call status cannot move from completed to ringing");
    }
}
