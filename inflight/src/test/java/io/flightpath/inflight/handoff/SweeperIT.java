package io.flightpath.inflight.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Message;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.store.Expiry;
import io.flightpath.inflight.testing.TestStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedCluster.class)
class SweeperIT {
    static final AccountSid ACCOUNT = AccountSid.random();
    static final Instant T0 = TestStore.START;

    TestStore t;
    Sweeper sweeper;

    @BeforeEach
    void open() {
        t = TestStore.open();
        sweeper = new Sweeper(t.db(), t.store(), SweepConfig.DEFAULTS, t.clock(), new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void staleRecordsAreFinalisedWhenTheirTimeoutRanOutAndQueuedForHandoff() {
        Call queued = t.newCall(ACCOUNT);
        Call ringing = move(t.newCall(ACCOUNT), CallStatus.RINGING);
        Call talking = move(t.newCall(ACCOUNT), CallStatus.IN_PROGRESS);
        Message sent = t.newMessage(ACCOUNT);
        t.store().apply(List.of(StatusEvent.of(sent.sid(), MessageStatus.SENT, T0)));
        Message stuck = t.newMessage(ACCOUNT);

        t.clock().advance(Duration.ofHours(25));
        int moved = sweeper.sweep();

        assertThat(moved).isEqualTo(5);
        assertThat(status(queued)).isEqualTo(CallStatus.FAILED);
        assertThat(status(ringing)).isEqualTo(CallStatus.NO_ANSWER);
        Call completed = t.store().call(ACCOUNT, talking.sid()).orElseThrow();
        assertThat(completed.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(completed.endTime()).isEqualTo(T0.plus(Duration.ofHours(4)));
        assertThat(completed.duration()).isEqualTo(4 * 3600);
        assertThat(t.store().message(ACCOUNT, sent.sid()).orElseThrow().status()).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(t.store().message(ACCOUNT, stuck.sid()).orElseThrow().status()).isEqualTo(MessageStatus.FAILED);
        assertThat(t.count("SELECT COUNT(*) FROM handoff_outbox")).isEqualTo(5);
        assertThat(sweeper.sweep()).isZero();
    }

    @Test
    void recordsYoungerThanTheirTimeoutAreLeftAlone() {
        Call ringing = move(t.newCall(ACCOUNT), CallStatus.RINGING);
        Call talking = move(t.newCall(ACCOUNT), CallStatus.IN_PROGRESS);
        Message sent = t.newMessage(ACCOUNT);
        t.store().apply(List.of(StatusEvent.of(sent.sid(), MessageStatus.SENT, T0)));

        t.clock().advance(Duration.ofMinutes(59));
        assertThat(sweeper.sweep()).isZero();
        t.clock().advance(Duration.ofMinutes(2));
        assertThat(sweeper.sweep()).isOne();

        assertThat(status(ringing)).isEqualTo(CallStatus.NO_ANSWER);
        assertThat(status(talking)).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(t.store().message(ACCOUNT, sent.sid()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void aRecordThatMovedAfterTheSweeperFoundItStaleIsLeftAlone() {
        Call call = t.newCall(ACCOUNT);
        Expiry seenQueued = new Expiry(StatusEvent.of(call.sid(), CallStatus.FAILED, T0.plus(Duration.ofHours(1))),
                "queued", call.dateUpdated());
        move(call, CallStatus.RINGING);

        assertThat(t.store().expire(List.of(seenQueued))).isZero();

        assertThat(status(call)).isEqualTo(CallStatus.RINGING);
    }

    private Call move(Call call, CallStatus next) {
        t.store().apply(List.of(StatusEvent.of(call.sid(), next, T0)));
        return t.store().call(ACCOUNT, call.sid()).orElseThrow();
    }

    private CallStatus status(Call call) {
        return t.store().call(ACCOUNT, call.sid()).orElseThrow().status();
    }
}
