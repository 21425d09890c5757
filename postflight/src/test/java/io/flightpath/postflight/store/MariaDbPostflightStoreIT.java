package io.flightpath.postflight.store;

import static io.flightpath.postflight.CallSample.call;
import static io.flightpath.postflight.MessageSample.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.TimeRange;
import io.flightpath.store.testing.TestDatabases;
import io.flightpath.postflight.Listings;
import io.flightpath.core.UsageDay;
import io.flightpath.postflight.routing.SingleShardRouter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One shard database for the class; each test works in accounts of its own. */
@ExtendWith(SharedCluster.class)
class MariaDbPostflightStoreIT {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

    static PostflightShards shards;
    static MariaDbPostflightStore store;

    final AccountSid account = AccountSid.random();

    @BeforeAll
    static void open() {
        shards = PostflightShards.open(Map.of("shard0", TestDatabases.fresh("shard0", "pf")));
        store = new MariaDbPostflightStore(new SingleShardRouter(shards.shard("shard0")));
    }

    @AfterAll
    static void close() {
        shards.close();
    }

    @Test
    void insertingARetriedCallBatchKeepsOneUnchangedRowPerSid() {
        Call first = call(account, T0).build();
        Call second = call(account, T0.plusSeconds(1)).build();
        Call firstChanged = call(account, T0.plusSeconds(5)).sid(first.sid()).to("+14155550999").price("-0.01700").build();
        Call third = call(account, T0.plusSeconds(2)).build();

        store.insertCalls(List.of(first, second));
        store.insertCalls(List.of(firstChanged, second, third));

        assertThat(store.calls(CallQuery.all(account), PageRequest.first(10)).items()).containsExactly(third, second, first);
    }

    @Test
    void insertingARetriedMessageBatchKeepsOneUnchangedRowPerSid() {
        Message first = message(account, T0).build();
        Message firstChanged = first.redacted().withPrice(new BigDecimal("-0.00790"), "USD");

        store.insertMessages(List.of(first));
        store.insertMessages(List.of(firstChanged, firstChanged));

        assertThat(store.messages(MessageQuery.all(account), PageRequest.first(10)).items()).containsExactly(first);
    }

    @Test
    void aBatchHoldingAnInFlightCallIsRejectedAndInsertsNothing() {
        Call finished = call(account, T0).build();
        Call ringing = call(account, T0.plusSeconds(1)).status(CallStatus.RINGING).build();

        assertThatThrownBy(() -> store.insertCalls(List.of(finished, ringing)))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining(ringing.sid().value()).hasMessageContaining("ringing");
        assertThat(store.calls(CallQuery.all(account), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aBatchHoldingAnInFlightMessageIsRejectedAndInsertsNothing() {
        Message delivered = message(account, T0).build();
        Message sending = message(account, T0.plusSeconds(1)).status(MessageStatus.SENDING).unsent().build();

        assertThatThrownBy(() -> store.insertMessages(List.of(delivered, sending)))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(store.messages(MessageQuery.all(account), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aRecordReadBackEqualsTheRecordWrittenWithTimesCutToMicroseconds() {
        Call precise = call(account, T0.plusNanos(789)).build();
        Call stored = call(account, T0).build();
        Message message = message(account, T0.plusNanos(1)).build();

        store.insertCalls(List.of(precise));
        store.insertMessages(List.of(message));

        Call read = store.call(account, precise.sid()).orElseThrow();
        assertThat(read).usingRecursiveComparison().ignoringFields("sid").isEqualTo(stored);
        assertThat(read.dateCreated()).isEqualTo(T0);
        assertThat(store.message(account, message.sid()).orElseThrow().dateCreated()).isEqualTo(T0);
    }

    @Test
    void anotherAccountNeverSeesOrChangesARecordWhateverSidItPasses() {
        AccountSid other = AccountSid.random();
        Call call = call(account, T0).build();
        Message message = message(account, T0).build();
        store.insertCalls(List.of(call));
        store.insertMessages(List.of(message));

        assertThat(store.call(other, call.sid())).isEmpty();
        assertThat(store.message(other, message.sid())).isEmpty();
        assertThat(store.calls(CallQuery.all(other), PageRequest.first(10)).items()).isEmpty();
        assertThat(store.messages(MessageQuery.all(other), PageRequest.first(10)).items()).isEmpty();
        assertThat(store.usage(other, T0.minusSeconds(1), T0.plusSeconds(1))).isEmpty();
        assertNotFound(() -> store.priceCall(other, call.sid(), new BigDecimal("-1.00000"), "USD", T0));
        assertNotFound(() -> store.priceMessage(other, message.sid(), new BigDecimal("-1.00000"), "USD", T0));
        assertNotFound(() -> store.redactMessage(other, message.sid(), T0));
        assertThat(store.deleteCall(other, call.sid())).isFalse();
        assertThat(store.deleteMessage(other, message.sid())).isFalse();

        assertThat(store.call(account, call.sid())).contains(call);
        assertThat(store.message(account, message.sid())).contains(message);
    }

    @Test
    void pagingThroughCallsNewestFirstNeitherSkipsNorRepeatsACall() {
        // three calls per instant, so the sid breaks ties inside a page and across page ends
        List<Call> calls = IntStream.range(0, 25).mapToObj(i -> call(account, T0.plusSeconds(i / 3)).build()).toList();
        store.insertCalls(calls);

        List<Page<Call>> pages = Listings.allPages(7, p -> store.calls(CallQuery.all(account), p));

        assertThat(pages).extracting(p -> p.items().size()).containsExactly(7, 7, 7, 4);
        assertThat(pages.getLast().next()).isNull();
        assertThat(Listings.items(pages)).containsExactlyElementsOf(
                calls.stream().sorted(Listings.CALLS_NEWEST_FIRST).toList());
    }

    @Test
    void aListingThatEndsOnAPageBoundaryHasNoNextPage() {
        List<Message> messages = IntStream.range(0, 14)
                .mapToObj(i -> message(account, T0.plusMillis(i / 2)).build()).toList();
        store.insertMessages(messages);

        List<Page<Message>> pages = Listings.allPages(7, p -> store.messages(MessageQuery.all(account), p));

        assertThat(pages).hasSize(2);
        assertThat(pages.getLast().next()).isNull();
        assertThat(Listings.items(pages)).containsExactlyElementsOf(
                messages.stream().sorted(Listings.MESSAGES_NEWEST_FIRST).toList());
    }

    @Test
    void everyCallFilterSelectsExactlyWhatTheQueryMatches() {
        CallSid parent = CallSid.random();
        CallStatus[] statuses = {CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.FAILED, CallStatus.NO_ANSWER};
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            CallStatus status = statuses[i % statuses.length];
            var sample = call(account, T0.plusSeconds(60L * i))
                    .to(i % 2 == 0 ? "+14155550100" : "+14155550101")
                    .from(i % 3 == 0 ? "+14155550200" : "+14155550201")
                    .parent(i % 5 == 0 ? parent : null)
                    .status(status);
            calls.add(status == CallStatus.COMPLETED ? sample.build() : sample.unanswered().build());
        }
        store.insertCalls(calls);
        Instant start4 = calls.get(4).startTime();
        Instant start8 = calls.get(8).startTime();
        Instant end5 = calls.get(5).endTime();

        List<CallQuery> queries = List.of(
                new CallQuery(account, "+14155550101", null, null, null, null, null),
                new CallQuery(account, null, "+14155550200", null, null, null, null),
                new CallQuery(account, null, null, parent, null, null, null),
                new CallQuery(account, null, null, null, CallStatus.BUSY, null, null),
                new CallQuery(account, "+14155550100", "+14155550201", null, CallStatus.COMPLETED, null, null),
                // bounds fall exactly on stored times: from is inclusive, to exclusive
                new CallQuery(account, null, null, null, null, new TimeRange(start4, start8), null),
                new CallQuery(account, null, null, null, null, new TimeRange(start4, null), null),
                new CallQuery(account, null, null, null, null, null, new TimeRange(null, end5)),
                new CallQuery(account, null, null, null, null, null, new TimeRange(end5, null)));

        for (CallQuery query : queries) {
            List<Call> expected = calls.stream().filter(query::matches).sorted(Listings.CALLS_NEWEST_FIRST).toList();
            assertThat(expected).as("a query that tells something: %s", query).isNotEmpty().hasSizeLessThan(calls.size());
            assertThat(store.calls(query, PageRequest.first(100)).items()).as("%s", query).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void everyMessageFilterSelectsExactlyWhatTheQueryMatches() {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var sample = message(account, T0.plusSeconds(60L * i))
                    .to(i % 2 == 0 ? "+14155550100" : "+14155550101")
                    .from(i % 3 == 0 ? "+14155550200" : "+14155550201");
            messages.add(i % 4 == 3 ? sample.status(MessageStatus.CANCELED).unsent().build() : sample.build());
        }
        store.insertMessages(messages);
        Instant sent2 = messages.get(2).dateSent();
        Instant sent6 = messages.get(6).dateSent();

        List<MessageQuery> queries = List.of(
                new MessageQuery(account, "+14155550100", null, null),
                new MessageQuery(account, null, "+14155550201", null),
                new MessageQuery(account, "+14155550101", "+14155550200", null),
                new MessageQuery(account, null, null, new TimeRange(sent2, sent6)),
                new MessageQuery(account, null, null, new TimeRange(sent2, null)),
                new MessageQuery(account, null, null, new TimeRange(null, sent6)));

        for (MessageQuery query : queries) {
            List<Message> expected = messages.stream().filter(query::matches).sorted(Listings.MESSAGES_NEWEST_FIRST).toList();
            assertThat(expected).as("a query that tells something: %s", query).isNotEmpty().hasSizeLessThan(messages.size());
            assertThat(store.messages(query, PageRequest.first(100)).items()).as("%s", query).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void pricingACallStoresThePriceAndUpdateTimeAndReturnsTheStoredCall() {
        Call call = call(account, T0).build();
        store.insertCalls(List.of(call));
        Instant at = T0.plus(1, ChronoUnit.HOURS);

        Call priced = store.priceCall(account, call.sid(), new BigDecimal("-0.01700"), "EUR", at.plusNanos(999));

        assertThat(priced).usingRecursiveComparison().ignoringFields("dateUpdated")
                .isEqualTo(call.withPrice(new BigDecimal("-0.01700"), "EUR"));
        assertThat(priced.dateUpdated()).isEqualTo(at);
        assertThat(store.call(account, call.sid())).contains(priced);
    }

    @Test
    void pricingAMessageStoresThePriceAndUpdateTimeAndReturnsTheStoredMessage() {
        Message message = message(account, T0).build();
        store.insertMessages(List.of(message));
        Instant at = T0.plus(1, ChronoUnit.HOURS);

        Message priced = store.priceMessage(account, message.sid(), new BigDecimal("-0.00790"), "USD", at);

        assertThat(priced).usingRecursiveComparison().ignoringFields("dateUpdated")
                .isEqualTo(message.withPrice(new BigDecimal("-0.00790"), "USD"));
        assertThat(priced.dateUpdated()).isEqualTo(at);
        assertThat(store.message(account, message.sid())).contains(priced);
    }

    @Test
    void redactingAMessageEmptiesOnlyItsBody() {
        Message message = message(account, T0).body("secret").build();
        store.insertMessages(List.of(message));
        Instant at = T0.plus(1, ChronoUnit.DAYS);

        Message redacted = store.redactMessage(account, message.sid(), at);

        assertThat(redacted).usingRecursiveComparison().ignoringFields("dateUpdated").isEqualTo(message.redacted());
        assertThat(redacted.body()).isEmpty();
        assertThat(redacted.dateUpdated()).isEqualTo(at);
        assertThat(store.message(account, message.sid())).contains(redacted);
    }

    @Test
    void changingAMissingRecordIsNotFound() {
        assertNotFound(() -> store.priceCall(account, CallSid.random(), BigDecimal.ONE, "USD", T0));
        assertNotFound(() -> store.redactMessage(account, MessageSid.random(), T0));
    }

    @Test
    void deleteRemovesTheRecordAndSaysWhetherThereWasOne() {
        Call call = call(account, T0).build();
        Call kept = call(account, T0).build();
        Message message = message(account, T0).build();
        store.insertCalls(List.of(call, kept));
        store.insertMessages(List.of(message));

        assertThat(store.deleteCall(account, call.sid())).isTrue();
        assertThat(store.deleteCall(account, call.sid())).isFalse();
        assertThat(store.deleteMessage(account, message.sid())).isTrue();
        assertThat(store.deleteMessage(account, message.sid())).isFalse();

        assertThat(store.call(account, call.sid())).isEmpty();
        assertThat(store.message(account, message.sid())).isEmpty();
        assertThat(store.call(account, kept.sid())).contains(kept);
    }

    @Test
    void usageSumsEachUtcDayInTheRangeWithMinutesRoundedUpPerCall() {
        Instant day1 = Instant.parse("2025-03-01T00:00:00Z");
        Instant day2 = day1.plus(1, ChronoUnit.DAYS);
        Instant day3 = day2.plus(1, ChronoUnit.DAYS);
        store.insertCalls(List.of(
                call(account, day1).duration(61).price("-0.01700").build(),
                call(account, day1.plusSeconds(3600)).duration(60).price("-0.00850").build(),
                call(account, day2.minusNanos(1000)).unanswered().status(CallStatus.NO_ANSWER).build(),
                call(account, day1.minusNanos(1000)).price("-9.00000").build(),
                call(account, day3).price("-9.00000").build(),
                call(AccountSid.random(), day1).price("-9.00000").build()));
        store.insertMessages(List.of(
                message(account, day1).segments(2).price("-0.00790").build(),
                message(account, day2).segments(1).build(),
                message(account, day2.plusSeconds(60)).segments(3).build(),
                message(account, day3).price("-9.00000").build()));

        List<UsageDay> usage = store.usage(account, day1, day3);

        assertThat(usage).usingRecursiveFieldByFieldElementComparator(
                        RecursiveComparisonConfiguration.builder()
                                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .containsExactly(
                        new UsageDay(LocalDate.parse("2025-03-01"), 3, 3, new BigDecimal("-0.02550"),
                                1, 2, new BigDecimal("-0.00790"), "USD"),
                        new UsageDay(LocalDate.parse("2025-03-02"), 0, 0, BigDecimal.ZERO,
                                2, 4, BigDecimal.ZERO, "USD"));
    }

    @Test
    void usageOfAnEmptyRangeIsInvalid() {
        assertThatThrownBy(() -> store.usage(account, T0, T0))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    private static void assertNotFound(Runnable change) {
        assertThatThrownBy(change::run)
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
