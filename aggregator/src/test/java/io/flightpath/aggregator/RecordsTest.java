package io.flightpath.aggregator;

import static io.flightpath.aggregator.InMemoryStores.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.Call;
import io.flightpath.core.CallStatus;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageStatus;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What a call's or a message's status lets the public API do with it, and a deletion or redaction
 * in the moment between a record's final status and its handoff.
 */
class RecordsTest {
    final InMemoryStores stores = new InMemoryStores();

    @Test
    void aCallInFlightIsEndedAsAsked() {
        Call queued = stores.call();
        Call answered = stores.call(CallStatus.RINGING, CallStatus.IN_PROGRESS);

        assertThat(stores.calls.end(queued, CallEnding.COMPLETED)).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CallStatus.CANCELED));
        assertThat(stores.calls.end(answered, CallEnding.COMPLETED)).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CallStatus.COMPLETED));
    }

    @Test
    void aFinishedCallCanNoLongerBeEnded() {
        Call completed = stores.call(CallStatus.RINGING, CallStatus.IN_PROGRESS, CallStatus.COMPLETED);
        int applied = stores.applied;

        assertRefused(() -> stores.calls.end(completed, CallEnding.CANCELED), "Call is completed and can no longer be changed.");
        assertThat(stores.applied).isEqualTo(applied);
    }

    @Test
    void aCallInFlightIsNotDeleted() {
        Call ringing = stores.call(CallStatus.RINGING);

        assertRefused(() -> stores.calls.delete(ringing), "Cannot delete a call that is ringing.");
        assertThat(stores.calls.find(ACCOUNT, ringing.sid())).contains(ringing);
    }

    @Test
    void aCallDeletedBetweenItsFinalStatusAndItsHandoffIsHandedOffAndDeleted() {
        Call canceled = stores.call(CallStatus.CANCELED);
        assertThat(stores.calls.find(ACCOUNT, canceled.sid())).contains(canceled);

        assertThat(stores.calls.delete(canceled)).isTrue();

        assertThat(stores.calls.find(ACCOUNT, canceled.sid())).isEmpty();
        assertThat(stores.flyingCalls.find(ACCOUNT, canceled.sid())).isEmpty();
        assertThat(stores.landedCalls.find(ACCOUNT, canceled.sid())).isEmpty();
    }

    @Test
    void aHandedOffCallIsDeletedOnceAndThenIsGone() {
        Call canceled = stores.call(CallStatus.CANCELED);
        stores.inflight.handOffCall(ACCOUNT, canceled.sid());

        assertThat(stores.calls.delete(canceled)).isTrue();
        assertThat(stores.calls.delete(canceled)).isFalse();
    }

    @Test
    void aMessageInFlightIsCanceledAndNotRedacted() {
        Message queued = stores.message();

        assertRefused(() -> stores.messages.redact(queued), "Cannot redact a message that is queued.");
        assertThat(stores.messages.cancel(queued)).hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(MessageStatus.CANCELED));
    }

    @Test
    void aFinishedMessageIsNotCanceled() {
        Message delivered = stores.message(MessageStatus.SENT, MessageStatus.DELIVERED);

        assertRefused(() -> stores.messages.cancel(delivered), "Message is delivered and can no longer be canceled.");
    }

    @Test
    void aMessageRedactedBetweenItsFinalStatusAndItsHandoffIsHandedOffAndRedacted() {
        Message delivered = stores.message(MessageStatus.SENT, MessageStatus.DELIVERED);

        assertThat(stores.messages.redact(delivered)).hasValueSatisfying(m -> assertThat(m.body()).isEmpty());

        assertThat(stores.messages.find(ACCOUNT, delivered.sid())).hasValueSatisfying(m -> {
            assertThat(m.body()).isEmpty();
            assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED);
        });
        assertThat(stores.flyingMessages.find(ACCOUNT, delivered.sid())).isEmpty();
    }

    @Test
    void aMessageDeletedBetweenItsFinalStatusAndItsHandoffIsHandedOffAndDeleted() {
        Message failed = stores.message(MessageStatus.FAILED);

        assertThat(stores.messages.delete(failed)).isTrue();

        assertThat(stores.messages.find(ACCOUNT, failed.sid())).isEmpty();
        assertThat(stores.messages.redact(failed)).isEmpty();
    }

    private static void assertRefused(ThrowingCallable change, String message) {
        assertThatThrownBy(change)
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessage(message);
    }
}
