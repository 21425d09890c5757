package io.flightpath.inflight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Cursor;
import io.flightpath.core.Direction;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.core.TimeRange;
import io.flightpath.inflight.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedCluster.class)
class MariaDbInflightStoreIT {
    static final AccountSid ACCOUNT = AccountSid.random();
    static final Instant T1 = TestStore.START.plusSeconds(5);

    TestStore t;
    MariaDbInflightStore store;

    @BeforeEach
    void open() {
        t = TestStore.open();
        store = t.store();
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aCreatedCallIsQueuedAndReadsBackEqual() {
        Call created = t.newCall(ACCOUNT);

        assertThat(created.status()).isEqualTo(CallStatus.QUEUED);
        assertThat(created.dateCreated()).isEqualTo(TestStore.START).isEqualTo(created.dateUpdated());
        assertThat(store.call(ACCOUNT, created.sid())).contains(created);
    }

    @Test
    void aMessageIsQueuedOrAcceptedThroughAMessagingServiceAndCountsItsSegments() {
        Message direct = t.newMessage(ACCOUNT);
        Message viaService = store.createMessage(new NewMessage(ACCOUNT, "+14155550100", "+14155550199", "x".repeat(161),
                0, "MG0123456789abcdef0123456789abcdef", Direction.OUTBOUND_API));

        assertThat(direct.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(viaService.status()).isEqualTo(MessageStatus.ACCEPTED);
        assertThat(viaService.numSegments()).isEqualTo(2);
        assertThat(store.message(ACCOUNT, viaService.sid())).contains(viaService);
    }

    @Test
    void anotherAccountSeesNoneOfTheRecords() {
        AccountSid other = AccountSid.random();
        Call call = t.newCall(ACCOUNT);
        Message message = t.newMessage(ACCOUNT);

        assertThat(store.call(other, call.sid())).isEmpty();
        assertThat(store.message(other, message.sid())).isEmpty();
        assertThat(store.calls(CallQuery.all(other), PageRequest.first(10)).items()).isEmpty();
        assertThat(store.messages(MessageQuery.all(other), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aCallWalkingToCompletedIsQueuedForHandoffWithItsTimes() {
        Call call = t.newCall(ACCOUNT);

        store.apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T1)));
        store.apply(List.of(new StatusEvent(call.sid().value(), "in-progress", T1.plusSeconds(2), "human", null, null)));
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isZero();
        store.apply(List.of(StatusEvent.of(call.sid(), CallStatus.COMPLETED, T1.plusSeconds(65))));

        Call done = store.call(ACCOUNT, call.sid()).orElseThrow();
        assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(done.answeredBy()).isEqualTo("human");
        assertThat(done.startTime()).isEqualTo(T1.plusSeconds(2));
        assertThat(done.endTime()).isEqualTo(T1.plusSeconds(65));
        assertThat(done.duration()).isEqualTo(63);
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox WHERE kind = 'call' AND sid = '" + call.sid() + "'")).isOne();
    }

    @Test
    void aFinishedCallAndMessageAreHandedOffAtOnceWhenAsked() {
        Call call = t.newCall(ACCOUNT);
        Message message = t.newMessage(ACCOUNT);
        store.apply(List.of(StatusEvent.of(call.sid(), CallStatus.CANCELED, T1),
                StatusEvent.of(message.sid(), MessageStatus.SENT, T1), StatusEvent.of(message.sid(), MessageStatus.DELIVERED, T1)));
        Call canceled = store.call(ACCOUNT, call.sid()).orElseThrow();
        Message delivered = store.message(ACCOUNT, message.sid()).orElseThrow();

        store.handOffCall(ACCOUNT, call.sid());
        store.handOffMessage(ACCOUNT, message.sid());

        assertThat(t.landed().calls()).containsValue(canceled);
        assertThat(t.landed().messages()).containsValue(delivered);
        assertThat(store.call(ACCOUNT, call.sid())).isEmpty();
        assertThat(store.message(ACCOUNT, message.sid())).isEmpty();
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isZero();
        assertThat(t.count("SELECT COUNT(*) FROM finished")).isEqualTo(2);
    }

    @Test
    void aRecordStillInFlightIsNotHandedOff() {
        Call call = t.newCall(ACCOUNT);
        store.apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T1)));

        assertThatThrownBy(() -> store.handOffCall(ACCOUNT, call.sid()))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessage("call " + call.sid() + " is ringing and not finished yet");
        assertThat(store.call(ACCOUNT, call.sid())).isPresent();
        assertThat(t.landed().attempts()).isZero();
    }

    @Test
    void aHandoffOfARecordTheAccountDoesNotHaveHereDoesNothing() {
        Call call = t.newCall(ACCOUNT);
        store.apply(List.of(StatusEvent.of(call.sid(), CallStatus.CANCELED, T1)));

        store.handOffCall(AccountSid.random(), call.sid());
        store.handOffCall(ACCOUNT, CallSid.random());
        store.handOffCall(ACCOUNT, call.sid());
        store.handOffCall(ACCOUNT, call.sid());

        assertThat(t.landed().calls()).containsOnlyKeys(call.sid().value());
        assertThat(t.landed().attempts()).isOne();
    }

    @Test
    void eventsForOneRecordInOneBatchApplyInOrder() {
        Message message = t.newMessage(ACCOUNT);

        store.apply(List.of(
                StatusEvent.of(message.sid(), MessageStatus.SENDING, T1),
                StatusEvent.of(message.sid(), MessageStatus.SENT, T1.plusSeconds(1)),
                new StatusEvent(message.sid().value(), "undelivered", T1.plusSeconds(9), null, 30003, "Unreachable destination handset")));

        Message done = store.message(ACCOUNT, message.sid()).orElseThrow();
        assertThat(done.status()).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(done.dateSent()).isEqualTo(T1.plusSeconds(1));
        assertThat(done.errorCode()).isEqualTo(30003);
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox WHERE kind = 'message'")).isOne();
    }

    @Test
    void anIllegalMoveAnywhereInABatchAppliesNoneOfIt() {
        Call legal = t.newCall(ACCOUNT);
        Call illegal = t.newCall(ACCOUNT);
        Message message = t.newMessage(ACCOUNT);

        assertThatThrownBy(() -> store.apply(List.of(
                StatusEvent.of(legal.sid(), CallStatus.RINGING, T1),
                StatusEvent.of(message.sid(), MessageStatus.SENT, T1),
                StatusEvent.of(illegal.sid(), CallStatus.COMPLETED, T1))))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessageContaining("queued").hasMessageContaining("completed");

        assertThat(store.call(ACCOUNT, legal.sid())).contains(legal);
        assertThat(store.call(ACCOUNT, illegal.sid())).contains(illegal);
        assertThat(store.message(ACCOUNT, message.sid())).contains(message);
    }

    @Test
    void anUnknownRecordInABatchIsNotFoundAndAppliesNothing() {
        Call known = t.newCall(ACCOUNT);
        CallSid unknown = CallSid.random();

        assertThatThrownBy(() -> store.apply(List.of(
                StatusEvent.of(known.sid(), CallStatus.RINGING, T1),
                StatusEvent.of(unknown, CallStatus.RINGING, T1))))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining(unknown.value());

        assertThat(store.call(ACCOUNT, known.sid())).contains(known);
    }

    @Test
    void aRepeatedEventChangesNothing() {
        Call call = t.newCall(ACCOUNT);
        store.apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T1)));
        Call ringing = store.call(ACCOUNT, call.sid()).orElseThrow();

        store.apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T1.plusSeconds(30))));

        assertThat(store.call(ACCOUNT, call.sid())).contains(ringing);
        assertThat(ringing.dateUpdated()).isEqualTo(T1);
    }

    @Test
    void pagesWalkEveryCallNewestFirstWithoutGapOrRepeatWhileRecordsAreAdded() {
        List<Call> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // three calls share each timestamp, so the sid breaks ties
            if (i % 3 == 0) {
                t.clock().advance(Duration.ofMillis(1));
            }
            created.add(t.newCall(ACCOUNT));
        }
        List<Call> seen = new ArrayList<>();
        Page<Call> page = store.calls(CallQuery.all(ACCOUNT), PageRequest.first(5));
        seen.addAll(page.items());
        while (page.hasNext()) {
            t.newCall(ACCOUNT); // newer than the cursor: must not appear on later pages
            page = store.calls(CallQuery.all(ACCOUNT), new PageRequest(5, page.next()));
            seen.addAll(page.items());
        }

        List<Call> expected = created.stream()
                .sorted(Comparator.comparing(Call::dateCreated).thenComparing(c -> c.sid().value()).reversed())
                .toList();
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void everyCallQueryFilterIsApplied() {
        Call plain = t.newCall(ACCOUNT);
        Call answered = t.newCall(ACCOUNT);
        store.apply(List.of(StatusEvent.of(answered.sid(), CallStatus.IN_PROGRESS, T1)));
        Call child = store.createCall(new NewCall(ACCOUNT, "+15005550006", "+14155550199",
                Direction.OUTBOUND_DIAL, answered.sid()));

        assertThat(sids(new CallQuery(ACCOUNT, "+15005550006", null, null, null, null, null))).containsExactly(child.sid());
        assertThat(sids(new CallQuery(ACCOUNT, null, "+14155550199", answered.sid(), null, null, null))).containsExactly(child.sid());
        assertThat(sids(new CallQuery(ACCOUNT, null, null, null, CallStatus.IN_PROGRESS, null, null))).containsExactly(answered.sid());
        assertThat(sids(new CallQuery(ACCOUNT, null, null, null, null, new TimeRange(T1, T1.plusSeconds(1)), null)))
                .containsExactly(answered.sid());
        assertThat(sids(new CallQuery(ACCOUNT, null, null, null, null, new TimeRange(T1.plusSeconds(1), null), null))).isEmpty();
        assertThat(sids(new CallQuery(ACCOUNT, null, null, null, null, null, new TimeRange(null, T1)))).isEmpty();
        assertThat(sids(CallQuery.all(ACCOUNT))).containsExactlyInAnyOrder(plain.sid(), answered.sid(), child.sid());
    }

    @Test
    void messageQueryFiltersAndPagingApply() {
        Message first = t.newMessage(ACCOUNT);
        Message other = store.createMessage(new NewMessage(ACCOUNT, "+15005550009", "+14155550199", "hi", 0, null, Direction.OUTBOUND_API));
        store.apply(List.of(StatusEvent.of(first.sid(), MessageStatus.SENT, T1)));

        assertThat(store.messages(new MessageQuery(ACCOUNT, "+15005550009", null, null), PageRequest.first(10)).items())
                .containsExactly(other);
        assertThat(store.messages(new MessageQuery(ACCOUNT, null, null, new TimeRange(T1, null)), PageRequest.first(10)).items())
                .extracting(Message::sid).containsExactly(first.sid());
        Page<Message> one = store.messages(MessageQuery.all(ACCOUNT), PageRequest.first(1));
        assertThat(one.next()).isEqualTo(Cursor.of(one.items().getFirst()));
        assertThat(store.messages(MessageQuery.all(ACCOUNT), new PageRequest(1, one.next())).next()).isNull();
    }

    @Test
    void theStoreKnowsItsRecordsInFlightAndHandedOffButNoOtherSid() {
        Call flying = t.newCall(ACCOUNT);
        Message message = t.newMessage(ACCOUNT);
        Call done = t.newCall(ACCOUNT);
        store.apply(List.of(StatusEvent.of(done.sid(), CallStatus.CANCELED, T1)));
        t.relay().drain();
        String stranger = CallSid.random().value();

        assertThat(store.call(ACCOUNT, done.sid())).isEmpty();
        assertThat(store.known(List.of(flying.sid().value(), message.sid().value(), done.sid().value(), stranger)))
                .containsExactlyInAnyOrder(flying.sid().value(), message.sid().value(), done.sid().value());
        assertThat(store.known(List.of())).isEmpty();
    }

    private List<CallSid> sids(CallQuery query) {
        return store.calls(query, PageRequest.first(50)).items().stream().map(Call::sid).toList();
    }
}
