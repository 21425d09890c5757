package io.flightpath.inflight.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallStatus;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.testing.RecordingPostflight;
import io.flightpath.inflight.testing.TestStore;
import io.flightpath.postflight.TestPostflight;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The relay between a real in-flight store and a real post-flight shard, each a fresh database per test. */
@ExtendWith(SharedCluster.class)
class HandoffRelayIT {
    static final AccountSid ACCOUNT = AccountSid.random();
    static final Instant T1 = TestStore.START.plusSeconds(1);
    static final HandoffConfig SMALL_BATCHES = new HandoffConfig(7, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(24));

    TestStore t;
    TestPostflight landed;
    RecordingPostflight postflight;

    @BeforeEach
    void open() {
        t = TestStore.open();
        landed = TestPostflight.open("handoff");
        postflight = new RecordingPostflight(landed.store());
    }

    @AfterEach
    void close() {
        t.close();
        landed.close();
    }

    HandoffRelay relay(SimpleMeterRegistry metrics) {
        return new HandoffRelay(t.db(), postflight, SMALL_BATCHES, t.wake(), t.clock(), metrics);
    }

    @Test
    void finishedRecordsEndUpInPostflightExactlyOnceAndLeaveTheStore() {
        List<Call> finished = finishCalls(12);
        List<Message> delivered = deliverMessages(5);
        Call stillRinging = t.newCall(ACCOUNT);
        t.store().apply(List.of(StatusEvent.of(stillRinging.sid(), CallStatus.RINGING, T1)));
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();

        int handedOff = relay(metrics).drain();

        assertThat(handedOff).isEqualTo(17);
        assertLandedOnce(finished);
        assertThat(landed.store().messages(MessageQuery.all(ACCOUNT), PageRequest.first(50)).items())
                .containsExactlyInAnyOrderElementsOf(delivered);
        assertThat(landed.rowsPerSid("messages")).isEqualTo(TestPostflight.oneRowEach(delivered.stream().map(m -> m.sid().value()).toList()));
        assertThat(t.count("SELECT COUNT(*) FROM calls")).isOne();
        assertThat(t.count("SELECT COUNT(*) FROM messages")).isZero();
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isZero();
        assertThat(t.count("SELECT COUNT(*) FROM finished")).isEqualTo(17);
        assertThat(metrics.get("flightpath.handoff.records").tag("kind", "call").counter().count()).isEqualTo(12);
        assertThat(metrics.get("flightpath.handoff.outbox.depth").gauge().value()).isZero();
        assertThat(relay(new SimpleMeterRegistry()).drain()).isZero();
    }

    @Test
    void aCrashBetweenInsertAndDeleteIsCompletedByTheNextRelayWithoutDoubling() {
        List<Call> finished = finishCalls(10);
        postflight.failAfterInsert(1, new IllegalStateException("relay process died after the insert"));

        assertThatThrownBy(() -> relay(new SimpleMeterRegistry()).drain()).hasMessageContaining("died");
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isEqualTo(10);

        int handedOff = relay(new SimpleMeterRegistry()).drain();

        assertThat(handedOff).isEqualTo(10);
        assertThat(postflight.attempts()).as("the crashed batch was inserted again").isGreaterThan(2);
        assertLandedOnce(finished);
        assertThat(t.count("SELECT COUNT(*) FROM calls")).isZero();
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isZero();
    }

    @Test
    void aRecordHandedOffAloneLeavesTheOthersToTheNextPass() {
        List<Call> finished = finishCalls(3);
        HandoffRelay relay = relay(new SimpleMeterRegistry());

        relay.now(finished.get(1).sid().value());

        assertLandedOnce(List.of(finished.get(1)));
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isEqualTo(2);
        assertThat(relay.drain()).isEqualTo(2);
        assertLandedOnce(finished);
        assertThat(postflight.attempts()).isEqualTo(2);
    }

    @Test
    void aLateRepeatOfTheFinalStatusIsANoOpAndAnyOtherStatusIsRefused() {
        Call call = finishCalls(1).getFirst();
        relay(new SimpleMeterRegistry()).drain();

        t.store().apply(List.of(StatusEvent.of(call.sid(), CallStatus.COMPLETED, T1.plusSeconds(99))));

        assertThatThrownBy(() -> t.store().apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T1.plusSeconds(99)))))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessage("call " + call.sid() + " is completed and cannot move to ringing");
        assertThat(t.store().call(ACCOUNT, call.sid())).isEmpty();
    }

    @Test
    void tombstonesArePrunedAfterTheRetentionAndThenTheRecordIsUnknown() {
        Call call = finishCalls(1).getFirst();
        HandoffRelay relay = relay(new SimpleMeterRegistry());
        relay.drain();
        t.clock().advance(Duration.ofHours(23));
        assertThat(relay.pruneFinished()).isZero();

        t.clock().advance(Duration.ofHours(2));

        assertThat(relay.pruneFinished()).isOne();
        assertThatThrownBy(() -> t.store().apply(List.of(StatusEvent.of(call.sid(), CallStatus.COMPLETED, T1))))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void theRunningRelayHandsOffNewRecordsAndRetriesThroughPostflightOutages() {
        postflight.failAfterInsert(3, FlightpathException.unavailable("post-flight is down"));
        try (HandoffRelay relay = relay(new SimpleMeterRegistry())) {
            relay.start();
            List<Call> finished = finishCalls(3);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertLandedOnce(finished);
                assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isZero();
            });
        }
    }

    /** The post-flight shard holds exactly these calls, as in-flight last had them, one row each. */
    private void assertLandedOnce(List<Call> calls) {
        assertThat(landed.rowsPerSid("calls")).isEqualTo(TestPostflight.oneRowEach(calls.stream().map(c -> c.sid().value()).toList()));
        assertThat(landed.store().calls(CallQuery.all(ACCOUNT), PageRequest.first(50)).items()).containsExactlyInAnyOrderElementsOf(calls);
    }

    private List<Call> finishCalls(int n) {
        List<Call> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Call call = t.newCall(ACCOUNT);
            t.store().apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T1),
                    StatusEvent.of(call.sid(), CallStatus.IN_PROGRESS, T1.plusSeconds(1)),
                    StatusEvent.of(call.sid(), CallStatus.COMPLETED, T1.plusSeconds(31))));
            done.add(t.store().call(ACCOUNT, call.sid()).orElseThrow());
        }
        return done;
    }

    private List<Message> deliverMessages(int n) {
        List<Message> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Message message = t.newMessage(ACCOUNT);
            t.store().apply(List.of(StatusEvent.of(message.sid(), MessageStatus.SENT, T1),
                    StatusEvent.of(message.sid(), MessageStatus.DELIVERED, T1.plusSeconds(2))));
            done.add(t.store().message(ACCOUNT, message.sid()).orElseThrow());
        }
        return done;
    }
}
