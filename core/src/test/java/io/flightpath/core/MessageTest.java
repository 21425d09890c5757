package io.flightpath.core;

import static io.flightpath.core.Samples.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static final Instant LATER = CREATED.plusSeconds(2);

    @Test
    void becomingSentSetsDateSentAndLaterStatusesKeepIt() {
        Instant delivered = LATER.plusSeconds(5);

        Message sent = Samples.message(MessageStatus.QUEUED, Direction.OUTBOUND_API)
                .withStatus(MessageStatus.SENT, LATER);
        Message done = sent.withStatus(MessageStatus.DELIVERED, delivered);

        assertThat(sent.dateSent()).isEqualTo(LATER);
        assertThat(sent.dateUpdated()).isEqualTo(LATER);
        assertThat(done.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(done.dateSent()).isEqualTo(LATER);
        assertThat(done.dateUpdated()).isEqualTo(delivered);
    }

    @Test
    void skippingStraightToAStatusPastSentStillSetsDateSent() {
        Message undelivered = Samples.message(MessageStatus.SENDING, Direction.OUTBOUND_API)
                .withStatus(MessageStatus.UNDELIVERED, LATER);

        assertThat(undelivered.dateSent()).isEqualTo(LATER);
    }

    @Test
    void receivingAnInboundMessageSetsDateSent() {
        Message received = Samples.message(MessageStatus.RECEIVING, Direction.INBOUND)
                .withStatus(MessageStatus.RECEIVED, LATER);

        assertThat(received.dateSent()).isEqualTo(LATER);
    }

    @Test
    void aMessageThatFailedBeforeLeavingHasNoDateSent() {
        Message failed = Samples.message(MessageStatus.ACCEPTED, Direction.OUTBOUND_API)
                .withStatus(MessageStatus.FAILED, LATER);

        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.dateSent()).isNull();
        assertThat(failed.dateUpdated()).isEqualTo(LATER);
    }

    @Test
    void anIllegalMoveThrowsFailedPreconditionAndLeavesTheOriginalUnchanged() {
        Message delivered = Samples.message(MessageStatus.SENT, Direction.OUTBOUND_API)
                .withStatus(MessageStatus.DELIVERED, LATER);
        Message copy = new Message(delivered.sid(), delivered.accountSid(), delivered.to(), delivered.from(),
                delivered.body(), delivered.numSegments(), delivered.numMedia(), delivered.status(),
                delivered.direction(), delivered.messagingServiceSid(), delivered.errorCode(),
                delivered.errorMessage(), delivered.price(), delivered.priceUnit(), delivered.dateCreated(),
                delivered.dateUpdated(), delivered.dateSent());

        assertThatThrownBy(() -> delivered.withStatus(MessageStatus.READ, LATER.plusSeconds(1)))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessage("message status cannot move from delivered to read");
        assertThat(delivered).isEqualTo(copy);
    }

    @Test
    void aRepeatedStatusIsANoOpReturningTheSameRecord() {
        Message queued = Samples.message(MessageStatus.QUEUED, Direction.OUTBOUND_API);

        assertThat(queued.withStatus(MessageStatus.QUEUED, LATER)).isSameAs(queued);
    }

    @Test
    void redactedEmptiesTheBodyAndKeepsEverythingElse() {
        Message original = Samples.message(MessageStatus.QUEUED, Direction.OUTBOUND_API);

        Message redacted = original.redacted();

        assertThat(redacted.body()).isEmpty();
        assertThat(original.body()).isEqualTo("Your code is 123456");
        assertThat(redacted).usingRecursiveComparison().ignoringFields("body").isEqualTo(original);
    }

    @Test
    void withPriceSetsPriceAndUnitOnly() {
        Message original = Samples.message(MessageStatus.SENT, Direction.OUTBOUND_API);

        Message priced = original.withPrice(new BigDecimal("-0.0079"), "USD");

        assertThat(priced.price()).isEqualByComparingTo("-0.0079");
        assertThat(priced).usingRecursiveComparison().ignoringFields("price").isEqualTo(original);
    }

    @Test
    void withErrorSetsCodeAndTextOnly() {
        Message original = Samples.message(MessageStatus.SENT, Direction.OUTBOUND_API);

        Message failed = original.withError(30003, "Unreachable destination handset");

        assertThat(failed.errorCode()).isEqualTo(30003);
        assertThat(failed.errorMessage()).isEqualTo("Unreachable destination handset");
        assertThat(failed).usingRecursiveComparison().ignoringFields("errorCode", "errorMessage").isEqualTo(original);
    }

    @Test
    void requiredFieldsAreCheckedWithInvalidArgumentNamingTheField() {
        assertThatThrownBy(() -> new Message(null, Samples.ACCOUNT, null, null, null, 1, 0,
                MessageStatus.QUEUED, Direction.OUTBOUND_API, null, null, null, null, null, CREATED, CREATED, null))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("message sid is required");
        Message message = Samples.message(MessageStatus.QUEUED, Direction.OUTBOUND_API);
        assertThatThrownBy(() -> new Message(message.sid(), message.accountSid(), null, null, null, 1, -2,
                message.status(), message.direction(), null, null, null, null, null, CREATED, CREATED, null))
                .hasMessage("message num_media must not be negative, got -2");
    }

    @Test
    void aStatusTimeBeforeTheMessagesLastChangeIsRefused() {
        Message sent = Samples.message(MessageStatus.QUEUED, Direction.OUTBOUND_API).withStatus(MessageStatus.SENT, LATER);

        assertThatThrownBy(() -> sent.withStatus(MessageStatus.DELIVERED, LATER.minusNanos(1000)))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));
        assertThatThrownBy(() -> Samples.message(MessageStatus.QUEUED, Direction.OUTBOUND_API)
                .withStatus(MessageStatus.SENT, CREATED.minusSeconds(60)))
                .hasMessageContaining("before its last change");
    }
}
