package io.flightpath.legacy;

import static io.flightpath.legacy.DrainingShape.newCall;
import static io.flightpath.legacy.DrainingShape.newMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Message;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.handoff.SweepConfig;
import io.flightpath.inflight.handoff.Sweeper;
import io.flightpath.inflight.store.Expiry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The phase's gate on real servers: the legacy in-flight rows run out, by their last events or by the sweep. */
@ExtendWith(SharedCluster.class)
class LegacyDrainIT {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

    final AccountSid account = AccountSid.random();
    DrainingShape shape;

    @BeforeEach
    void open() {
        shape = DrainingShape.open(Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        shape.close();
    }

    private Sweeper sweeperAt(Duration later) {
        return new Sweeper(shape.legacyDb(), shape.records(), SweepConfig.DEFAULTS, Clock.fixed(T0.plus(later), ZoneOffset.UTC),
                new SimpleMeterRegistry());
    }

    @Test
    void theCountOfLegacyInFlightRowsReachesZeroWhenTheOldRecordsFinish() {
        Call call = newCall(shape.legacyInflight(), account);
        Message message = newMessage(shape.legacyInflight(), account);
        newCall(shape.store(), account); // new records do not count: they are not in the legacy tables
        assertThat(shape.records().inflightCount()).isEqualTo(2);

        shape.store().apply(List.of(StatusEvent.of(call.sid(), CallStatus.BUSY, T0.plusSeconds(5))));
        assertThat(shape.records().inflightCount()).isEqualTo(1);
        shape.store().apply(List.of(StatusEvent.of(message.sid(), MessageStatus.SENT, T0.plusSeconds(5))));
        assertThat(shape.records().inflightCount()).isEqualTo(1);
        shape.store().apply(List.of(StatusEvent.of(message.sid(), MessageStatus.DELIVERED, T0.plusSeconds(6))));
        assertThat(shape.records().inflightCount()).isZero();
    }

    @Test
    void theLegacySweepFinishesAStuckOldRecordWithTheInflightSweepersRules() {
        Call stuck = newCall(shape.legacyInflight(), account);
        Call talking = newCall(shape.legacyInflight(), account);
        shape.records().apply(List.of(StatusEvent.of(talking.sid(), CallStatus.IN_PROGRESS, T0)));
        Message sent = newMessage(shape.legacyInflight(), account);
        shape.records().apply(List.of(StatusEvent.of(sent.sid(), MessageStatus.SENT, T0)));

        assertThat(sweeperAt(Duration.ofMinutes(59)).sweep()).isZero();
        assertThat(sweeperAt(Duration.ofHours(5)).sweep()).isEqualTo(2);
        assertThat(shape.postflight().call(account, stuck.sid())).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo(CallStatus.FAILED);
            assertThat(c.dateUpdated()).isEqualTo(T0.plus(SweepConfig.DEFAULTS.callTimeout()));
        });
        assertThat(shape.postflight().call(account, talking.sid())).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
            assertThat(c.duration()).isEqualTo(4 * 3600);
        });
        assertThat(shape.records().inflightCount()).isEqualTo(1);

        assertThat(sweeperAt(Duration.ofHours(25)).sweep()).isEqualTo(1);
        assertThat(shape.postflight().message(account, sent.sid()))
                .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(MessageStatus.UNDELIVERED));
        assertThat(shape.records().inflightCount()).isZero();
    }

    @Test
    void aRecordThatMovedOnOrWentAwaySinceTheSweepSawItIsLeftAlone() {
        Call moved = newCall(shape.legacyInflight(), account);
        StatusEvent expiry = StatusEvent.of(moved.sid(), CallStatus.FAILED, T0.plus(SweepConfig.DEFAULTS.callTimeout()));
        Expiry seen = new Expiry(expiry, CallStatus.QUEUED.wire(), moved.dateUpdated());
        shape.records().apply(List.of(StatusEvent.of(moved.sid(), CallStatus.RINGING, T0.plusSeconds(1))));
        StatusEvent ghost = StatusEvent.of(io.flightpath.core.CallSid.random(), CallStatus.FAILED, T0);

        assertThat(shape.records().expire(List.of(seen, new Expiry(ghost, CallStatus.QUEUED.wire(), T0)))).isZero();
        assertThat(shape.records().call(account, moved.sid(), Stage.ANY))
                .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CallStatus.RINGING));
    }
}
