package io.flightpath.postflight.http;

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
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.flightpath.postflight.Listings;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.postflight.routing.SingleShardRouter;
import io.flightpath.postflight.api.ShardStats;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.flightpath.postflight.store.PostflightShards;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against the production routes on a real server and store: the same contract as the store itself. */
@ExtendWith(SharedCluster.class)
class PostflightHttpIT {
    static final String TOKEN = "postflight-internal-test-token";
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

    static PostflightShards shards;
    static PostflightService store;
    static ServiceServer server;
    static PostflightHttpClient client;

    final AccountSid account = AccountSid.random();

    @BeforeAll
    static void start() {
        shards = PostflightShards.open(Map.of("shard0", TestDatabases.fresh("shard0", "pfhttp")));
        store = new MariaDbPostflightStore(new SingleShardRouter(shards.shard("shard0")));
        PostflightHttpServer routes = new PostflightHttpServer(store, new InternalAuth(TOKEN));
        server = ServiceServer.start("postflight", "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                1 << 20, ServiceServer.INTERNAL_ERRORS, routes::routes);
        client = new PostflightHttpClient(serviceClient(TOKEN));
    }

    @AfterAll
    static void stop() {
        server.close();
        shards.close();
    }

    @Test
    void callsWrittenThroughTheClientReadBackEqualAndPageWithTheirFilters() {
        List<Call> calls = IntStream.range(0, 9).mapToObj(i -> call(account, T0.plusSeconds(i / 2))
                .status(i % 3 == 0 ? CallStatus.BUSY : CallStatus.COMPLETED).price("-0.01700").build()).toList();
        client.insertCalls(calls);
        CallQuery completed = new CallQuery(account, "+14155550100", null, null, CallStatus.COMPLETED,
                new TimeRange(T0, null), TimeRange.ANY);

        List<Page<Call>> pages = Listings.allPages(4, p -> client.calls(completed, p));

        assertThat(client.call(account, calls.get(3).sid())).contains(calls.get(3));
        assertThat(pages).hasSize(2);
        assertThat(Listings.items(pages)).containsExactlyElementsOf(
                calls.stream().filter(completed::matches).sorted(Listings.CALLS_NEWEST_FIRST).toList());
    }

    @Test
    void messagesWrittenThroughTheClientReadBackEqualAndPageWithTheirFilters() {
        List<Message> messages = IntStream.range(0, 6).mapToObj(i -> message(account, T0.plusSeconds(i))
                .from(i % 2 == 0 ? "+14155550300" : "+14155550301").price("-0.00790").build()).toList();
        client.insertMessages(messages);
        MessageQuery query = new MessageQuery(account, null, "+14155550300",
                new TimeRange(messages.get(1).dateSent(), messages.get(5).dateSent()));

        List<Page<Message>> pages = Listings.allPages(1, p -> client.messages(query, p));

        assertThat(client.message(account, messages.get(2).sid())).contains(messages.get(2));
        assertThat(Listings.items(pages)).containsExactly(messages.get(4), messages.get(2));
    }

    @Test
    void theShardsPageCountsTheAccountsAndTablesOfEachShard() {
        AccountSid other = AccountSid.random();
        client.insertCalls(List.of(call(account, T0).build(), call(other, T0).build(), call(other, T0.plusSeconds(1)).build()));
        client.insertMessages(List.of(message(account, T0).build()));
        long accounts = shards.shard("shard0").database().read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(DISTINCT account_sid) FROM (SELECT account_sid FROM calls "
                    + "UNION ALL SELECT account_sid FROM messages) a")) {
                rs.next();
                return rs.getLong(1);
            }
        });

        List<ShardStats> stats = client.shardStats();

        assertThat(stats).singleElement().satisfies(s -> {
            assertThat(s.shard()).isEqualTo("shard0");
            assertThat(s.accounts()).isEqualTo(accounts).isGreaterThanOrEqualTo(2);
            assertThat(s.tables()).extracting(ShardStats.TableStats::table).contains("calls", "messages")
                    .noneMatch(t -> t.startsWith("flyway"));
            assertThat(s.tables()).allSatisfy(t -> assertThat(t.dataBytes()).isPositive());
        });
    }

    @Test
    void aMissingRecordIsEmptyOrFalseNotAnError() {
        assertThat(client.call(account, CallSid.random())).isEmpty();
        assertThat(client.message(account, MessageSid.random())).isEmpty();
        assertThat(client.deleteCall(account, CallSid.random())).isFalse();
        assertThat(client.deleteMessage(account, MessageSid.random())).isFalse();
        assertCode(ErrorCode.NOT_FOUND, () -> client.priceCall(account, CallSid.random(), BigDecimal.ONE, "USD", T0));
        assertCode(ErrorCode.NOT_FOUND, () -> client.redactMessage(account, MessageSid.random(), T0));
    }

    @Test
    void priceRedactAndDeleteThroughTheClientActOnTheStore() {
        Call call = call(account, T0).build();
        Message message = message(account, T0).build();
        client.insertCalls(List.of(call));
        client.insertMessages(List.of(message));
        Instant later = T0.plus(1, ChronoUnit.HOURS);

        Call pricedCall = client.priceCall(account, call.sid(), new BigDecimal("-0.01700"), "USD", later);
        Message pricedMessage = client.priceMessage(account, message.sid(), new BigDecimal("-0.00790"), "USD", later);
        Message redacted = client.redactMessage(account, message.sid(), later.plusSeconds(1));

        assertThat(pricedCall.price()).isEqualTo(new BigDecimal("-0.01700"));
        assertThat(store.call(account, call.sid())).contains(pricedCall);
        assertThat(pricedMessage.price()).isEqualTo(new BigDecimal("-0.00790"));
        assertThat(redacted.body()).isEmpty();
        assertThat(store.message(account, message.sid())).contains(redacted);
        assertThat(client.deleteCall(account, call.sid())).isTrue();
        assertThat(client.deleteMessage(account, message.sid())).isTrue();
        assertThat(store.call(account, call.sid())).isEmpty();
        assertThat(store.message(account, message.sid())).isEmpty();
    }

    @Test
    void usageThroughTheClientEqualsTheStoresOwn() {
        client.insertCalls(List.of(call(account, T0).price("-0.01700").build(), call(account, T0.plusSeconds(86_400)).build()));
        client.insertMessages(List.of(message(account, T0).segments(3).price("-0.02370").build()));
        Instant from = T0.truncatedTo(ChronoUnit.DAYS);
        Instant to = from.plus(3, ChronoUnit.DAYS);

        assertThat(client.usage(account, from, to)).hasSize(2).isEqualTo(store.usage(account, from, to));
    }

    @Test
    void anInFlightRecordIsRefusedAsInvalidThroughTheClient() {
        Call ringing = call(account, T0).status(CallStatus.RINGING).build();
        Message queued = message(account, T0).status(MessageStatus.QUEUED).unsent().build();

        assertCode(ErrorCode.INVALID_ARGUMENT, () -> client.insertCalls(List.of(ringing)));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> client.insertMessages(List.of(queued)));
        assertThat(store.call(account, ringing.sid())).isEmpty();
    }

    @Test
    void malformedSidsTokensAndTimesAreInvalidArguments() {
        ServiceClient raw = serviceClient(TOKEN);
        String calls = "/v1/accounts/" + account + "/calls";

        assertCode(ErrorCode.INVALID_ARGUMENT, () -> raw.get(calls + "/CAnot-a-sid", Map.of(), Call.class));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> raw.get("/v1/accounts/ACnope/calls", Map.of(), Call.class));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> raw.get(calls, Map.of("after", "garbage"), Call.class));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> raw.get(calls, Map.of("endTimeFrom", "yesterday"), Call.class));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> raw.post(PostflightHttpServer.CALLS_BATCH, Map.of("not", "a list"), Void.class));
    }

    @Test
    void requestsWithoutTheInternalTokenAreUnauthenticated() {
        Call call = call(account, T0).build();
        store.insertCalls(List.of(call));
        PostflightHttpClient anonymous = new PostflightHttpClient(serviceClient(null));
        PostflightHttpClient impostor = new PostflightHttpClient(serviceClient("not-the-internal-token"));

        assertCode(ErrorCode.UNAUTHENTICATED, () -> anonymous.call(account, call.sid()));
        assertCode(ErrorCode.UNAUTHENTICATED, () -> impostor.deleteCall(account, call.sid()));
        assertCode(ErrorCode.UNAUTHENTICATED, () -> anonymous.insertCalls(List.of(call(account, T0).build())));
        assertThat(store.call(account, call.sid())).contains(call);
    }

    private static ServiceClient serviceClient(String token) {
        return new ServiceClient("postflight", server.uri(), token, Duration.ofSeconds(10));
    }

    private static void assertCode(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
