package io.flightpath.billing.api;

import static io.flightpath.postflight.CallSample.call;
import static io.flightpath.postflight.MessageSample.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.flightpath.billing.testing.TestBilling.DAY_1;
import static io.flightpath.billing.testing.TestBilling.MARCH_1;
import static io.flightpath.billing.testing.TestBilling.NOW;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.NewCall;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.handoff.HandoffConfig;
import io.flightpath.inflight.handoff.HandoffRelay;
import io.flightpath.inflight.store.GroupCommitConfig;
import io.flightpath.inflight.store.MariaDbInflightStore;
import io.flightpath.inflight.store.WakeSignal;
import io.flightpath.billing.testing.TestBilling;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Billing over a real post-flight shard (one database for the class); each test bills accounts of its own. */
@ExtendWith(SharedCluster.class)
class PostflightBillingIT {
    static final LocalDate MARCH_2 = MARCH_1.plusDays(1);
    static final Instant DAY_2 = MARCH_2.atStartOfDay(ZoneOffset.UTC).toInstant();
    static final Instant DAY_3 = DAY_2.plusSeconds(86_400);

    static TestBilling t;

    final AccountSid account = AccountSid.random();

    @BeforeAll
    static void open() {
        t = TestBilling.open("billing");
    }

    @AfterAll
    static void close() {
        t.close();
    }

    @Test
    void callsAndMessagesAreCountedWithTheirMinutesSegmentsAndPricesOverTheDays() {
        t.landed().store().insertCalls(List.of(
                call(account, DAY_1).duration(61).price("-0.01700").build(),
                call(account, DAY_2.plusSeconds(3600)).duration(30).price("-0.00850").build()));
        t.landed().store().insertMessages(List.of(
                message(account, DAY_1).segments(2).price("-0.00790").build(),
                message(account, DAY_2).segments(1).build()));

        assertThat(t.billing().usageRecords(account, null, MARCH_1, MARCH_2)).usingRecursiveFieldByFieldElementComparator(
                        RecursiveComparisonConfiguration.builder().withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .containsExactly(
                        usage(UsageCategory.CALLS, 2, "3", "0.02550"),
                        usage(UsageCategory.SMS, 2, "3", "0.00790"),
                        usage(UsageCategory.TOTALPRICE, 0, "0.03340", "0.03340"));
    }

    @Test
    void theDatesAreUtcDaysBothIncluded() {
        t.landed().store().insertCalls(List.of(
                call(account, DAY_1).build(),
                call(account, DAY_3.minusNanos(1000)).build(),
                call(account, DAY_1.minusNanos(1000)).build(),
                call(account, DAY_3).build()));

        assertThat(calls(account, MARCH_1, MARCH_2)).isEqualTo(2);
        assertThat(calls(account, MARCH_2, MARCH_2)).isEqualTo(1);
        assertThat(calls(account, MARCH_1.minusDays(1), MARCH_1.minusDays(1))).isEqualTo(1);
    }

    @Test
    void anAccountIsBilledForItsOwnRecordsOnly() {
        AccountSid other = AccountSid.random();
        t.landed().store().insertCalls(List.of(call(account, DAY_1).build(), call(other, DAY_1).build(), call(other, DAY_1).build()));

        assertThat(calls(account, MARCH_1, MARCH_1)).isEqualTo(1);
        assertThat(calls(other, MARCH_1, MARCH_1)).isEqualTo(2);
        assertThat(calls(AccountSid.random(), MARCH_1, MARCH_1)).isZero();
    }

    @Test
    void aFinishedCallStillInFlightIsNotBilledUntilItIsHandedOff() {
        withInflight((inflight, relay, clock) -> {
            finish(inflight, clock);

            assertThat(calls(account, MARCH_1, MARCH_1)).isZero();

            assertThat(relay.drain()).isOne();
            assertThat(t.billing().usageRecords(account, UsageCategory.CALLS, MARCH_1, MARCH_1)).singleElement().satisfies(r -> {
                assertThat(r.count()).isOne();
                assertThat(r.usage()).isEqualByComparingTo("2");
            });
        });
    }

    @Test
    void deletingFinishedRecordsLeavesTheUsageAsItWas() {
        withInflight((inflight, relay, clock) -> {
            Call finished = finish(inflight, clock);
            relay.drain();
            t.landed().store().priceCall(account, finished.sid(), new BigDecimal("-0.02800"), "USD", clock.instant().plusSeconds(200));
            t.landed().store().insertMessages(List.of(message(account, DAY_1).segments(3).price("-0.02370").build()));
            io.flightpath.core.Message message = t.landed().store().messages(
                    new io.flightpath.core.MessageQuery(account, null, null, null), io.flightpath.core.PageRequest.first(1)).items().getFirst();
            List<UsageRecord> before = t.billing().usageRecords(account, null, MARCH_1, MARCH_2);

            assertThat(t.landed().store().deleteCall(account, finished.sid())).isTrue();
            assertThat(t.landed().store().deleteMessage(account, message.sid())).isTrue();
            assertThat(t.landed().store().deleteCall(account, finished.sid())).isFalse();

            assertThat(t.landed().store().call(account, finished.sid())).isEmpty();
            assertThat(t.billing().usageRecords(account, null, MARCH_1, MARCH_2)).usingRecursiveFieldByFieldElementComparator(
                            RecursiveComparisonConfiguration.builder().withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                    .containsExactlyElementsOf(before)
                    .contains(usage(UsageCategory.CALLS, 1, "2", "0.02800"), usage(UsageCategory.SMS, 1, "3", "0.02370"));
        });
    }

    @FunctionalInterface
    private interface InflightWork {
        void run(MariaDbInflightStore inflight, HandoffRelay relay, Clock clock);
    }

    /** An in-flight store of its own whose relay hands off into the test's post-flight shard, on a clock fixed on March 1st. */
    private static void withInflight(InflightWork work) {
        Clock clock = Clock.fixed(DAY_1.plusSeconds(36_000), ZoneOffset.UTC);
        WakeSignal wake = new WakeSignal();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Database db = Database.open("inflight", TestDatabases.fresh("inflight", "billing"), MariaDbInflightStore.MIGRATIONS)) {
            HandoffRelay relay = new HandoffRelay(db, t.landed().store(), HandoffConfig.DEFAULTS, wake, clock, metrics);
            MariaDbInflightStore inflight = new MariaDbInflightStore(db, clock, GroupCommitConfig.DEFAULTS, wake, relay, metrics);
            try {
                work.run(inflight, relay, clock);
            } finally {
                inflight.close();
                relay.close();
            }
        }
    }

    /** A call of the test's account created and completed after 90 s answered: 2 billed minutes once handed off. */
    private Call finish(MariaDbInflightStore inflight, Clock clock) {
        Call call = inflight.createCall(new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null));
        Instant answered = clock.instant().plusSeconds(5);
        inflight.apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, clock.instant()),
                StatusEvent.of(call.sid(), CallStatus.IN_PROGRESS, answered),
                StatusEvent.of(call.sid(), CallStatus.COMPLETED, answered.plusSeconds(90))));
        return call;
    }

    @Test
    void aStartAfterTheEndIsAnInvalidArgument() {
        assertThatThrownBy(() -> t.billing().usageRecords(account, null, MARCH_2, MARCH_1))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("StartDate 2025-03-02 is after EndDate 2025-03-01");
    }

    private static long calls(AccountSid account, LocalDate start, LocalDate end) {
        return t.billing().usageRecords(account, UsageCategory.CALLS, start, end).getFirst().count();
    }

    private UsageRecord usage(UsageCategory category, long count, String usage, String price) {
        return new UsageRecord(account, category, MARCH_1, MARCH_2, count, new BigDecimal(usage), new BigDecimal(price), "USD", NOW);
    }
}
