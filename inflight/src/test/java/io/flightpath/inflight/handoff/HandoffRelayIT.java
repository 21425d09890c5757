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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The relay between a real in-flight store and a real post-flight shard, each a fresh database per test. */
@ExtendWith(SharedCluster.class)
class HandoffRelayIT {
    static final AccountSid ACCOUNT = AccountSid.random();
    static final Instant T1 = TestStore.START.plusSeconds(1);
    static final HandoffConfig SMALL_BATCHES = new HandoffConfig(7, 4, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(24));
    // one partition: a batch's crash holds up the whole outbox, and every record shares one lock
    static final HandoffConfig ONE_WORKER = SMALL_BATCHES.withWorkers(1);

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
        return relay(SMALL_BATCHES, metrics);
    }

    HandoffRelay relay(HandoffConfig config, SimpleMeterRegistry metrics) {
        return new HandoffRelay(t.db(), postflight, config, t.wake(), t.clock(), metrics);
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

        assertThatThrownBy(() -> relay(ONE_WORKER, new SimpleMeterRegistry()).drain()).hasMessageContaining("died");
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isEqualTo(10);

        int handedOff = relay(ONE_WORKER, new SimpleMeterRegistry()).drain();

        assertThat(handedOff).isEqualTo(10);
        assertThat(postflight.attempts()).as("the crashed batch was inserted again").isGreaterThan(2);
        assertLandedOnce(finished);
        assertThat(t.count("SELECT COUNT(*) FROM calls")).isZero();
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isZero();
    }

    @Test
    void aRecordHandedOffAloneLeavesTheOthersToTheNextPass() {
        List<Call> finished = finishCalls(3);
        HandoffRelay relay = relay(ONE_WORKER, new SimpleMeterRegistry());

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
    void theRunningRelayPrunesTombstonesPastTheirRetention() {
        finishCalls(3);
        try (HandoffRelay relay = relay(new SimpleMeterRegistry())) {
            relay.drain();
            assertThat(t.count("SELECT COUNT(*) FROM finished")).isEqualTo(3);
            t.clock().advance(Duration.ofHours(25));

            relay.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> t.count("SELECT COUNT(*) FROM finished") == 0);
        }
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

    @Test
    void severalWorkersHandEveryRecordOffExactlyOnceWhileRecordsKeepFinishing() {
        List<Call> calls = new ArrayList<>(finishCalls(60));
        for (Buckets partition : Buckets.split(SMALL_BATCHES.workers())) {
            assertThat(queuedIn(partition)).as("entries in %s", partition).isNotEmpty();
        }
        List<Message> delivered;
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (HandoffRelay relay = relay(metrics)) {
            relay.start();
            calls.addAll(finishCalls(40));
            delivered = deliverMessages(10);

            await().atMost(Duration.ofSeconds(30)).until(() -> t.count("SELECT COUNT(*) FROM handoff_outbox") == 0);
        }

        assertLandedOnce(calls);
        assertThat(landed.rowsPerSid("messages")).isEqualTo(TestPostflight.oneRowEach(delivered.stream().map(m -> m.sid().value()).toList()));
        assertThat(calls).allSatisfy(c -> assertThat(postflight.insertsOf(c.sid().value())).as("inserts of %s", c.sid()).isOne());
        assertThat(t.count("SELECT COUNT(*) FROM calls")).isZero();
        assertThat(t.count("SELECT COUNT(*) FROM messages")).isZero();
        assertThat(t.count("SELECT COUNT(*) FROM finished")).isEqualTo(110);
        assertThat(metrics.get("flightpath.handoff.records").tag("kind", "call").counter().count()).isEqualTo(100);
    }

    @Test
    void aRecordHandedOffAloneWhileTheWorkersRunIsInsertedOnceAndStaysDeleted() throws Exception {
        List<String> deleted = new CopyOnWriteArrayList<>();
        try (HandoffRelay relay = relay(new SimpleMeterRegistry())) {
            relay.start();
            // as a client deleting a call the moment it finishes: the handoff at once, then the delete
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    done.add(clients.submit(() -> {
                        for (Call call : finishCalls(15)) {
                            relay.now(call.sid().value());
                            assertThat(landed.store().deleteCall(ACCOUNT, call.sid())).as("%s is in post-flight", call.sid()).isTrue();
                            deleted.add(call.sid().value());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> t.count("SELECT COUNT(*) FROM handoff_outbox") == 0);
        }

        assertThat(deleted).hasSize(60);
        assertThat(landed.rowsPerSid("calls")).as("no deleted call came back").isEmpty();
        assertThat(deleted).allSatisfy(sid -> assertThat(postflight.insertsOf(sid)).as("inserts of %s", sid).isOne());
        assertThat(t.count("SELECT COUNT(*) FROM calls")).isZero();
    }

    @Test
    void aPartitionWhoseInsertsFailKeepsItsEntriesWhileTheOthersHandOff() {
        List<Call> finished = finishCalls(60);
        Buckets sick = Buckets.split(SMALL_BATCHES.workers()).get(2);
        Set<String> held = queuedIn(sick);
        assertThat(held).isNotEmpty().hasSizeLessThan(finished.size());
        List<Call> others = finished.stream().filter(c -> !held.contains(c.sid().value())).toList();
        postflight.crashOn(held::contains, FlightpathException.unavailable("post-flight shard died after the insert"));
        try (HandoffRelay relay = relay(new SimpleMeterRegistry())) {
            relay.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> t.count("SELECT COUNT(*) FROM handoff_outbox") == held.size());
            assertThat(queuedIn(sick)).isEqualTo(held);
            assertThat(t.count("SELECT COUNT(*) FROM calls")).isEqualTo(held.size());
            assertThat(others).allSatisfy(c -> assertThat(postflight.insertsOf(c.sid().value())).as("inserts of %s", c.sid()).isOne());

            postflight.stopCrashing();

            await().atMost(Duration.ofSeconds(30)).until(() -> t.count("SELECT COUNT(*) FROM handoff_outbox") == 0);
        }
        assertLandedOnce(finished);
        assertThat(held.stream().filter(sid -> postflight.insertsOf(sid) > 1)).as("the crashed batch, inserted again").isNotEmpty();
        assertThat(t.count("SELECT COUNT(*) FROM calls")).isZero();
    }

    /** The SIDs whose outbox entries lie in {@code partition}. */
    private Set<String> queuedIn(Buckets partition) {
        return t.db().read(c -> {
            Set<String> sids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sid FROM handoff_outbox WHERE bucket >= ? AND bucket < ?")) {
                ps.setInt(1, partition.from());
                ps.setInt(2, partition.to());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sids.add(rs.getString(1));
                    }
                }
            }
            return sids;
        });
    }

    /** The post-flight shard holds exactly these calls, as in-flight last had them, one row each. */
    private void assertLandedOnce(List<Call> calls) {
        assertThat(landed.rowsPerSid("calls")).isEqualTo(TestPostflight.oneRowEach(calls.stream().map(c -> c.sid().value()).toList()));
        assertThat(landed.store().calls(CallQuery.all(ACCOUNT), PageRequest.first(500)).items()).containsExactlyInAnyOrderElementsOf(calls);
    }

    private List<Call> finishCalls(int n) {
        List<Call> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Call call = t.newCall(ACCOUNT);
            t.store().apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T1),
                    StatusEvent.of(call.sid(), CallStatus.IN_PROGRESS, T1.plusSeconds(1)),
                    StatusEvent.of(call.sid(), CallStatus.COMPLETED, T1.plusSeconds(31))));
            // in-flight first, then post-flight: a running relay may have handed it off already
            done.add(t.store().call(ACCOUNT, call.sid()).or(() -> landed.store().call(ACCOUNT, call.sid())).orElseThrow());
        }
        return done;
    }

    private List<Message> deliverMessages(int n) {
        List<Message> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Message message = t.newMessage(ACCOUNT);
            t.store().apply(List.of(StatusEvent.of(message.sid(), MessageStatus.SENT, T1),
                    StatusEvent.of(message.sid(), MessageStatus.DELIVERED, T1.plusSeconds(2))));
            done.add(t.store().message(ACCOUNT, message.sid()).or(() -> landed.store().message(ACCOUNT, message.sid())).orElseThrow());
        }
        return done;
    }
}
