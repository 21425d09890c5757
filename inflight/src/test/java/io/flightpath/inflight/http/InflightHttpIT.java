package io.flightpath.inflight.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.core.TimeRange;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.flightpath.inflight.testing.TestStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedCluster.class)
class InflightHttpIT {
    static final String TOKEN = "inflight-test-token-0123456789";
    static final AccountSid ACCOUNT = AccountSid.random();
    static final Instant T1 = TestStore.START.plusSeconds(1);

    TestStore t;
    ServiceServer server;
    InflightHttpClient client;

    @BeforeEach
    void start() {
        t = TestStore.open();
        InflightHttpServer routes = new InflightHttpServer(t.store(), new InternalAuth(TOKEN));
        server = ServiceServer.start("inflight", "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                1 << 20, ServiceServer.INTERNAL_ERRORS, routes::routes);
        client = new InflightHttpClient(raw(TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
        t.close();
    }

    ServiceClient raw(String token) {
        return new ServiceClient("inflight", server.uri(), token, Duration.ofSeconds(10));
    }

    @Test
    void aCallIsCreatedMovedReadAndListedThroughTheClient() {
        Call created = client.createCall(new NewCall(ACCOUNT, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null));
        client.apply(List.of(StatusEvent.of(created.sid(), CallStatus.RINGING, T1),
                new StatusEvent(created.sid().value(), "in-progress", T1.plusSeconds(1), "human", null, null)));

        Call read = client.call(ACCOUNT, created.sid()).orElseThrow();
        assertThat(read.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(read.answeredBy()).isEqualTo("human");
        assertThat(read).isEqualTo(t.store().call(ACCOUNT, created.sid()).orElseThrow());
        CallQuery inProgress = new CallQuery(ACCOUNT, "+14155550100", "+14155550199", null, CallStatus.IN_PROGRESS,
                new TimeRange(T1, null), TimeRange.ANY);
        assertThat(client.calls(inProgress, PageRequest.first(10)).items()).containsExactly(read);
        assertThat(client.calls(new CallQuery(ACCOUNT, null, null, null, CallStatus.RINGING, null, null), PageRequest.first(10))
                .items()).isEmpty();
    }

    @Test
    void messagesAreCreatedMovedReadAndPagedThroughTheClient() {
        Message first = client.createMessage(new NewMessage(ACCOUNT, "+14155550100", "+14155550199", "one", 0, null, Direction.OUTBOUND_API));
        Message second = client.createMessage(new NewMessage(ACCOUNT, "+14155550100", "+14155550199", "two", 0, null, Direction.OUTBOUND_API));
        client.apply(List.of(StatusEvent.of(first.sid(), MessageStatus.SENT, T1)));

        assertThat(client.message(ACCOUNT, second.sid())).contains(second);
        Page<Message> page1 = client.messages(MessageQuery.all(ACCOUNT), PageRequest.first(1));
        Page<Message> page2 = client.messages(MessageQuery.all(ACCOUNT), new PageRequest(1, page1.next()));
        assertThat(page1.items()).hasSize(1);
        assertThat(page2.next()).isNull();
        assertThat(List.of(page1.items().getFirst().sid(), page2.items().getFirst().sid()))
                .containsExactlyInAnyOrder(first.sid(), second.sid());
        assertThat(client.messages(new MessageQuery(ACCOUNT, null, null, new TimeRange(T1, null)), PageRequest.first(5)).items())
                .extracting(Message::sid).containsExactly(first.sid());
    }

    @Test
    void theEventsEndpointTakesASingleEventToo() {
        Call created = t.newCall(ACCOUNT);

        raw(TOKEN).post("/v1/events", StatusEvent.of(created.sid(), CallStatus.RINGING, T1), Void.class);

        assertThat(t.store().call(ACCOUNT, created.sid()).orElseThrow().status()).isEqualTo(CallStatus.RINGING);
    }

    @Test
    void unknownRecordsAreEmptyAndAnUnknownEventIsNotFound() {
        assertThat(client.call(ACCOUNT, CallSid.random())).isEmpty();
        assertThat(client.message(ACCOUNT, MessageSid.random())).isEmpty();
        assertThatThrownBy(() -> client.apply(List.of(StatusEvent.of(CallSid.random(), CallStatus.RINGING, T1))))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void anIllegalMoveIsFailedPreconditionThroughTheClient() {
        Call created = t.newCall(ACCOUNT);

        assertThatThrownBy(() -> client.apply(List.of(StatusEvent.of(created.sid(), CallStatus.COMPLETED, T1))))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessageContaining("cannot move from queued to completed");
    }

    @Test
    void anEventTimedBeforeTheRecordsCreationOrItsLastStatusIsRefusedWith422AndChangesNothing() {
        Call created = t.newCall(ACCOUNT);
        client.apply(List.of(StatusEvent.of(created.sid(), CallStatus.RINGING, T1.plusSeconds(10))));

        for (Instant before : List.of(created.dateCreated().minusSeconds(60), T1.plusSeconds(9))) {
            assertThatThrownBy(() -> client.apply(List.of(StatusEvent.of(created.sid(), CallStatus.IN_PROGRESS, before))))
                    .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                    .hasMessageContaining("before its last change");
        }

        Call stored = t.store().call(ACCOUNT, created.sid()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.RINGING);
        assertThat(stored.dateUpdated()).isEqualTo(T1.plusSeconds(10));
        assertThat(stored.dateUpdated()).isAfterOrEqualTo(stored.dateCreated());
    }

    @Test
    void finishedRecordsAreHandedOffThroughTheClientAndOnesInFlightAreNot() {
        Call call = t.newCall(ACCOUNT);
        Message message = t.newMessage(ACCOUNT);
        client.apply(List.of(StatusEvent.of(call.sid(), CallStatus.CANCELED, T1), StatusEvent.of(message.sid(), MessageStatus.SENT, T1)));

        client.handOffCall(ACCOUNT, call.sid());

        assertThat(t.landed().calls()).containsOnlyKeys(call.sid().value());
        assertThat(client.call(ACCOUNT, call.sid())).isEmpty();
        assertThatThrownBy(() -> client.handOffMessage(ACCOUNT, message.sid()))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessageContaining("is sent and not finished yet");
        client.apply(List.of(StatusEvent.of(message.sid(), MessageStatus.DELIVERED, T1)));
        client.handOffMessage(ACCOUNT, message.sid());
        assertThat(t.landed().messages()).containsOnlyKeys(message.sid().value());
    }

    @Test
    void malformedInputIsInvalidArgument() {
        assertThatThrownBy(() -> raw(TOKEN).post("/v1/calls", Map.of("account", "nope"), Call.class))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> raw(TOKEN).get("/v1/accounts/" + ACCOUNT + "/calls", Map.of("pageSize", "many"), Map.class))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("pageSize");
    }

    @Test
    void requestsWithoutTheInternalTokenAreUnauthenticated() {
        InflightHttpClient anonymous = new InflightHttpClient(raw(null));
        InflightHttpClient wrong = new InflightHttpClient(raw("not-the-token-at-all-0000"));

        for (InflightHttpClient c : List.of(anonymous, wrong)) {
            assertThatThrownBy(() -> c.call(ACCOUNT, CallSid.random()))
                    .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
            assertThatThrownBy(() -> c.createCall(new NewCall(ACCOUNT, "+1", "+2", Direction.INBOUND, null)))
                    .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        }
        assertThat(t.count("SELECT COUNT(*) FROM calls")).isZero();
    }
}
