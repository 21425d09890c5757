package io.flightpath.core;

import static io.flightpath.core.MessageStatus.ACCEPTED;
import static io.flightpath.core.MessageStatus.CANCELED;
import static io.flightpath.core.MessageStatus.DELIVERED;
import static io.flightpath.core.MessageStatus.FAILED;
import static io.flightpath.core.MessageStatus.QUEUED;
import static io.flightpath.core.MessageStatus.READ;
import static io.flightpath.core.MessageStatus.RECEIVED;
import static io.flightpath.core.MessageStatus.RECEIVING;
import static io.flightpath.core.MessageStatus.SCHEDULED;
import static io.flightpath.core.MessageStatus.SENDING;
import static io.flightpath.core.MessageStatus.SENT;
import static io.flightpath.core.MessageStatus.UNDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageStatusTransitionTest extends StatusTransitionContract<MessageStatus> {

    MessageStatusTransitionTest() {
        super(MessageStatus.class, "message status");
    }

    @Override
    Map<MessageStatus, Set<MessageStatus>> allowedMoves() {
        return Map.of(
                ACCEPTED, EnumSet.of(SCHEDULED, QUEUED, FAILED, CANCELED),
                SCHEDULED, EnumSet.of(QUEUED, CANCELED, FAILED),
                QUEUED, EnumSet.of(SENDING, SENT, FAILED, CANCELED),
                SENDING, EnumSet.of(SENT, FAILED, UNDELIVERED),
                SENT, EnumSet.of(DELIVERED, UNDELIVERED, FAILED, READ),
                RECEIVING, EnumSet.of(RECEIVED, FAILED));
    }

    @Override
    Set<MessageStatus> postFlight() {
        return EnumSet.of(DELIVERED, UNDELIVERED, FAILED, RECEIVED, READ, CANCELED);
    }

    @Override
    List<String> wireWords() {
        return List.of("accepted", "scheduled", "queued", "sending", "sent", "receiving",
                "delivered", "undelivered", "failed", "received", "read", "canceled");
    }

    @Override
    boolean canMoveTo(MessageStatus from, MessageStatus to) {
        return from.canMoveTo(to);
    }

    @Override
    void checkMoveTo(MessageStatus from, MessageStatus to) {
        from.checkMoveTo(to);
    }

    @Override
    MessageStatus fromWire(String word) {
        return MessageStatus.fromWire(word);
    }

    @Test
    void readAfterDeliveredIsRefusedBecauseDeliveredIsFinal() {
        assertThat(DELIVERED.canMoveTo(READ)).isFalse();
        assertThat(SENT.canMoveTo(READ)).isTrue();
    }
}
