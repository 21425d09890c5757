package io.flightpath.legacy;

import static io.flightpath.legacy.DrainingShape.newCall;
import static io.flightpath.legacy.DrainingShape.newMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Phase SPLIT_INFLIGHT on real servers: old records finish in the legacy tables while new ones live in the dedicated store. */
@ExtendWith(SharedCluster.class)
class DrainingInflightStoreIT {
    final AccountSid account = AccountSid.random();
    DrainingShape shape;
    DrainingInflightStore store;

    @BeforeEach
    void open() {
        shape = DrainingShape.open(Clock.systemUTC());
        store = shape.store();
    }

    @AfterEach
    void close() {
        shape.close();
    }

    private static StatusEvent event(Call call, CallStatus status) {
        return StatusEvent.of(call.sid(), status, Instant.now());
    }

    private CallStatus legacyStatus(Call call) {
        return shape.records().call(account, call.sid(), Stage.ANY).orElseThrow().status();
    }

    private CallStatus dedicatedStatus(Call call) {
        return shape.dedicated().call(account, call.sid()).orElseThrow().status();
    }

    private static void refused(ErrorCode code, ThrowingCallable apply) {
        assertThatThrownBy(apply).isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void newRecordsAreCreatedInTheDedicatedStoreAndOldOnesFinishInTheLegacyTables() {
        Call old = newCall(shape.legacyInflight(), account); // created before the switch
        Call fresh = newCall(store, account);

        assertThat(shape.dedicated().call(account, fresh.sid())).contains(fresh);
        assertThat(shape.legacyRows("calls", fresh.sid().value())).isZero();
        assertThat(store.call(account, old.sid())).contains(old);
        assertThat(store.calls(CallQuery.all(account), PageRequest.first(10)).items()).containsExactly(fresh, old);

        store.apply(List.of(event(old, CallStatus.RINGING), event(fresh, CallStatus.RINGING)));
        assertThat(legacyStatus(old)).isEqualTo(CallStatus.RINGING);
        assertThat(dedicatedStatus(fresh)).isEqualTo(CallStatus.RINGING);
        assertThat(shape.dedicated().call(account, old.sid())).isEmpty();

        store.apply(List.of(event(old, CallStatus.IN_PROGRESS), event(old, CallStatus.COMPLETED)));
        assertThat(store.call(account, old.sid())).isEmpty();
        assertThat(shape.reads().call(account, old.sid())).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CallStatus.COMPLETED));
        assertThat(shape.reads().calls(CallQuery.all(account), PageRequest.first(10)).items())
                .extracting(Call::sid).containsExactly(fresh.sid(), old.sid());
    }

    @Test
    void aBatchSpanningBothStoresAppliesNothingWhenEitherPartIsRefused() {
        Call old = newCall(shape.legacyInflight(), account);
        Call fresh = newCall(store, account);

        refused(ErrorCode.FAILED_PRECONDITION, () -> store.apply(List.of(event(old, CallStatus.RINGING),
                event(fresh, CallStatus.RINGING), event(fresh, CallStatus.QUEUED))));
        refused(ErrorCode.FAILED_PRECONDITION, () -> store.apply(List.of(event(fresh, CallStatus.RINGING),
                event(old, CallStatus.RINGING), event(old, CallStatus.QUEUED))));
        refused(ErrorCode.NOT_FOUND, () -> store.apply(List.of(event(fresh, CallStatus.RINGING), event(old, CallStatus.RINGING),
                StatusEvent.of(CallSid.random(), CallStatus.RINGING, Instant.now()))));
        assertThat(legacyStatus(old)).isEqualTo(CallStatus.QUEUED);
        assertThat(dedicatedStatus(fresh)).isEqualTo(CallStatus.QUEUED);

        store.apply(List.of(event(fresh, CallStatus.RINGING), event(old, CallStatus.RINGING)));
        assertThat(legacyStatus(old)).isEqualTo(CallStatus.RINGING);
        assertThat(dedicatedStatus(fresh)).isEqualTo(CallStatus.RINGING);
    }

    @Test
    void aNewRecordIsHandedOffIntoTheLegacyTablesOnceAndItsLateEventsStayWithTheDedicatedStore() {
        Call fresh = newCall(store, account);
        store.apply(List.of(event(fresh, CallStatus.IN_PROGRESS), event(fresh, CallStatus.COMPLETED)));
        Call finished = store.call(account, fresh.sid()).orElseThrow();

        shape.relay().drain();
        shape.relay().drain();

        assertThat(shape.legacyRows("calls", fresh.sid().value())).isEqualTo(1);
        assertThat(shape.postflight().call(account, fresh.sid())).contains(finished);
        assertThat(store.call(account, fresh.sid())).isEmpty();
        store.apply(List.of(event(fresh, CallStatus.COMPLETED)));
        refused(ErrorCode.FAILED_PRECONDITION, () -> store.apply(List.of(event(fresh, CallStatus.BUSY))));
        assertThat(shape.reads().call(account, fresh.sid())).contains(finished);
    }

    @Test
    void aHandoffGoesToTheStoreThatHoldsTheRecord() {
        Message fresh = newMessage(store, account);
        store.apply(List.of(StatusEvent.of(fresh.sid(), MessageStatus.FAILED, Instant.now())));
        Message old = newMessage(shape.legacyInflight(), account);

        store.handOffMessage(account, fresh.sid());
        assertThat(shape.legacyRows("messages", fresh.sid().value())).isEqualTo(1);
        assertThat(shape.dedicated().message(account, fresh.sid())).isEmpty();
        refused(ErrorCode.FAILED_PRECONDITION, () -> store.handOffMessage(account, old.sid()));

        store.apply(List.of(StatusEvent.of(old.sid(), MessageStatus.FAILED, Instant.now())));
        store.handOffMessage(account, old.sid());
        assertThat(shape.postflight().message(account, old.sid()))
                .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(MessageStatus.FAILED));
    }

    @Test
    void listsAcrossPagesNeverMissOrRepeatARecordWhileRecordsFinishAndAreHandedOffUnderConcurrentEvents() throws Exception {
        List<Call> old = IntStream.range(0, 60).mapToObj(i -> newCall(shape.legacyInflight(), account)).toList();
        List<Call> created = new CopyOnWriteArrayList<>(old);
        shape.relay().start();

        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<Call> mine = old.subList(w * old.size() / writers, (w + 1) * old.size() / writers);
            work.add(CompletableFuture.runAsync(() -> mine.forEach(o -> {
                Call fresh = newCall(store, account);
                created.add(fresh);
                // one record of each store per batch: the split and both stores under concurrency
                store.apply(List.of(event(o, CallStatus.RINGING), event(fresh, CallStatus.RINGING)));
                store.apply(List.of(event(fresh, CallStatus.IN_PROGRESS), event(o, CallStatus.IN_PROGRESS)));
                store.apply(List.of(event(o, CallStatus.COMPLETED), event(fresh, CallStatus.COMPLETED)));
            }), pool));
        }
        CompletableFuture<Void> done = CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));

        int listings = 0;
        while (!done.isDone() || listings < 3) {
            Set<CallSid> before = sids(created);
            List<CallSid> listed = listAll();
            assertThat(listed).doesNotHaveDuplicates().containsAll(before);
            listings++;
        }
        done.get();
        pool.shutdown();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(shape.dedicated().calls(CallQuery.all(account), PageRequest.first(1)).items()).isEmpty());
        assertThat(shape.records().inflightCount()).isZero();
        for (Call c : created) {
            assertThat(shape.legacyRows("calls", c.sid().value())).as("%s", c.sid()).isEqualTo(1);
        }
        List<CallSid> listed = listAll();
        assertThat(listed).hasSize(created.size()).containsExactlyInAnyOrderElementsOf(sids(created));
        assertThat(shape.reads().calls(CallQuery.all(account), PageRequest.first(200)).items())
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(CallStatus.COMPLETED));
    }

    private static Set<CallSid> sids(List<Call> calls) {
        Set<CallSid> sids = new HashSet<>();
        calls.forEach(c -> sids.add(c.sid()));
        return sids;
    }

    /** Every page of the account's calls as the public API lists them, in small pages. */
    private List<CallSid> listAll() {
        List<CallSid> sids = new ArrayList<>();
        Page<Call> page = shape.reads().calls(CallQuery.all(account), PageRequest.first(7));
        page.items().forEach(c -> sids.add(c.sid()));
        while (page.next() != null) {
            page = shape.reads().calls(CallQuery.all(account), new PageRequest(7, page.next()));
            page.items().forEach(c -> sids.add(c.sid()));
        }
        return sids;
    }
}
