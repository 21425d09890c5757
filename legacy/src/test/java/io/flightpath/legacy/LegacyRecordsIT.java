package io.flightpath.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.core.UsageDay;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The legacy tables on a real server: one table per kind, in-flight and finished rows together. */
@ExtendWith(SharedCluster.class)
class LegacyRecordsIT {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

    static Database db;
    static LegacyRecords records;
    static LegacyInflightStore inflight;
    static LegacyPostflightStore postflight;

    final AccountSid account = AccountSid.random();

    @BeforeAll
    static void open() {
        db = Database.open("legacy", TestDatabases.fresh("shard0", "legacy"), LegacyRecords.MIGRATIONS);
        records = new LegacyRecords(db, Clock.fixed(T0, ZoneOffset.UTC));
        inflight = new LegacyInflightStore(records);
        postflight = new LegacyPostflightStore(records);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private Call call() {
        return records.createCall(new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null));
    }

    private void finish(Call call) {
        records.apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T0.plusSeconds(1)),
                StatusEvent.of(call.sid(), CallStatus.IN_PROGRESS, T0.plusSeconds(2)),
                StatusEvent.of(call.sid(), CallStatus.COMPLETED, T0.plusSeconds(65))));
    }

    @Test
    void aRecordBelongsToTheInflightViewUntilItFinishesThenToThePostflightViewWithoutMoving() {
        Call call = call();
        assertThat(inflight.call(account, call.sid())).contains(call);
        assertThat(postflight.call(account, call.sid())).isEmpty();

        finish(call);

        assertThat(inflight.call(account, call.sid())).isEmpty();
        Call done = postflight.call(account, call.sid()).orElseThrow();
        assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(done.duration()).isEqualTo(63);
        assertThat(records.call(account, call.sid(), Stage.ANY)).contains(done);
    }

    @Test
    void aHandoffIsANoOpForAFinishedRecordAndRefusedForOneInFlight() {
        Call call = call();
        assertThatThrownBy(() -> inflight.handOffCall(account, call.sid()))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));

        finish(call);
        inflight.handOffCall(account, call.sid());

        assertThat(postflight.call(account, call.sid())).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CallStatus.COMPLETED));
    }

    @Test
    void listsOfAStageHoldOnlyItsRowsAndTheLegacyPathSeesThemAllNewestFirst() {
        Call first = call();
        Call second = call();
        finish(first);
        assertThat(inflight.calls(CallQuery.all(account), new PageRequest(10, null)).items())
                .extracting(Call::sid).containsExactly(second.sid());
        assertThat(postflight.calls(CallQuery.all(account), new PageRequest(10, null)).items())
                .extracting(Call::sid).containsExactly(first.sid());
        assertThat(records.calls(CallQuery.all(account), new PageRequest(10, null), Stage.ANY).items())
                .extracting(Call::sid).containsExactlyInAnyOrder(first.sid(), second.sid());
    }

    @Test
    void anIllegalMoveAppliesNothingOfItsBatch() {
        Call call = call();
        assertThatThrownBy(() -> records.apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T0.plusSeconds(1)),
                StatusEvent.of(call.sid(), CallStatus.QUEUED, T0.plusSeconds(2)))))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));
        assertThat(records.call(account, call.sid(), Stage.ANY).orElseThrow().status()).isEqualTo(CallStatus.QUEUED);
    }

    @Test
    void anEventForAnUnknownRecordIsNotFoundAndARepeatedFinalStatusIsANoOp() {
        Call call = call();
        finish(call);
        Call done = records.call(account, call.sid(), Stage.ANY).orElseThrow();
        records.apply(List.of(StatusEvent.of(call.sid(), CallStatus.COMPLETED, T0.plusSeconds(99))));
        assertThat(records.call(account, call.sid(), Stage.ANY)).contains(done);
        assertThatThrownBy(() -> records.apply(List.of(StatusEvent.of(io.flightpath.core.CallSid.random(), CallStatus.RINGING, T0))))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void pricesRedactionsAndDeletionsApplyToFinishedRecordsOnly() {
        Message message = records.createMessage(new NewMessage(account, "+14155550100", "+14155550199", "hello", 0, null,
                Direction.OUTBOUND_API));
        assertThatThrownBy(() -> postflight.redactMessage(account, message.sid(), T0))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(postflight.deleteMessage(account, message.sid())).isFalse();
        assertThat(records.message(account, message.sid(), Stage.ANY)).isPresent();

        records.apply(List.of(StatusEvent.of(message.sid(), MessageStatus.SENDING, T0.plusSeconds(1)),
                StatusEvent.of(message.sid(), MessageStatus.SENT, T0.plusSeconds(2)),
                StatusEvent.of(message.sid(), MessageStatus.DELIVERED, T0.plusSeconds(3))));
        assertThat(postflight.priceMessage(account, message.sid(), new BigDecimal("-0.00750"), "USD", T0.plusSeconds(4)).price())
                .isEqualByComparingTo("-0.0075");
        assertThat(postflight.redactMessage(account, message.sid(), T0.plusSeconds(5)).body()).isEmpty();
        assertThat(postflight.messages(MessageQuery.all(account), new PageRequest(5, null)).items()).hasSize(1);
        assertThat(postflight.deleteMessage(account, message.sid())).isTrue();
        assertThat(records.message(account, message.sid(), Stage.ANY)).isEmpty();
    }

    @Test
    void usageCountsFinishedRecordsOnly() {
        Call done = call();
        finish(done);
        call();
        List<UsageDay> usage = postflight.usage(account, T0.minusSeconds(3600), T0.plusSeconds(3600));
        assertThat(usage).singleElement().satisfies(day -> {
            assertThat(day.calls()).isEqualTo(1);
            assertThat(day.callMinutes()).isEqualTo(2);
        });
    }

    @Test
    void deletingAFinishedRecordLeavesTheUsageAsItWas() {
        Call done = call();
        finish(done);
        records.priceCall(account, done.sid(), new BigDecimal("-0.01700"), "USD", T0.plusSeconds(70));
        List<UsageDay> before = records.usage(account, T0.minusSeconds(3600), T0.plusSeconds(3600));

        assertThat(records.deleteCall(account, done.sid())).isTrue();
        assertThat(records.deleteCall(account, done.sid())).isFalse();

        assertThat(records.call(account, done.sid(), Stage.ANY)).isEmpty();
        List<UsageDay> after = records.usage(account, T0.minusSeconds(3600), T0.plusSeconds(3600));
        assertThat(after).usingRecursiveFieldByFieldElementComparator(org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration
                .builder().withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build()).isEqualTo(before);
        assertThat(after).singleElement().satisfies(day -> {
            assertThat(day.calls()).isEqualTo(1);
            assertThat(day.callMinutes()).isEqualTo(2);
            assertThat(day.callPrice()).isEqualByComparingTo("-0.017");
        });
    }

    @Test
    void aHandedOffRecordIsInsertedOnceHoweverOftenTheHandoffRepeats() {
        Call finished = new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null).create(T0)
                .withStatus(CallStatus.CANCELED, T0.plusSeconds(1));
        postflight.insertCalls(List.of(finished));
        postflight.insertCalls(List.of(finished));
        assertThat(records.calls(CallQuery.all(account), new PageRequest(10, null), Stage.ANY).items()).containsExactly(finished);
        assertThatThrownBy(() -> postflight.insertCalls(List.of(call())))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
