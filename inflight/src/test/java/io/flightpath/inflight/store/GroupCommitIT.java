package io.flightpath.inflight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.StatusEvent;
import io.flightpath.store.SqlWork;
import io.flightpath.inflight.testing.TestStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedCluster.class)
class GroupCommitIT {
    static final AccountSid ACCOUNT = AccountSid.random();
    static final Instant T1 = TestStore.START.plusSeconds(1);

    TestStore t;

    @BeforeEach
    void open() {
        t = TestStore.open();
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void manyConcurrentCallersAllSucceedInFarFewerTransactionsThanRequests() throws Exception {
        int callers = 64;
        int callsEach = 25; // two events each: 50 apply() requests per caller
        List<List<Call>> perCaller = inParallel(callers, i -> {
            List<Call> mine = new ArrayList<>();
            for (int n = 0; n < callsEach; n++) {
                mine.add(t.newCall(ACCOUNT));
            }
            return mine;
        });
        long before = t.commits();

        inParallel(callers, i -> {
            for (Call call : perCaller.get(i)) {
                t.store().apply(List.of(StatusEvent.of(call.sid(), CallStatus.RINGING, T1)));
                t.store().apply(List.of(StatusEvent.of(call.sid(), CallStatus.IN_PROGRESS, T1.plusSeconds(1))));
            }
            return null;
        });

        long requests = (long) callers * callsEach * 2;
        long transactions = t.commits() - before;
        assertThat(t.count("SELECT COUNT(*) FROM calls WHERE status = 'in-progress'")).isEqualTo((long) callers * callsEach);
        assertThat(transactions).isPositive().isLessThan(requests / 4);
    }

    @Test
    void oneCallersIllegalEventFailsOnlyThatCaller() throws Exception {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(t.newCall(ACCOUNT));
        }
        Call bad = calls.getLast();

        List<Throwable> outcomes = inParallel(calls.size(), i -> {
            CallStatus next = calls.get(i) == bad ? CallStatus.COMPLETED : CallStatus.RINGING;
            try {
                t.store().apply(List.of(StatusEvent.of(calls.get(i).sid(), next, T1)));
                return null;
            } catch (FlightpathException e) {
                return e;
            }
        });

        assertThat(outcomes.subList(0, 15)).containsOnlyNulls();
        assertThat(outcomes.getLast()).isInstanceOfSatisfying(FlightpathException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));
        assertThat(t.count("SELECT COUNT(*) FROM calls WHERE status = 'ringing'")).isEqualTo(15);
        assertThat(t.store().call(ACCOUNT, bad.sid())).contains(bad);
    }

    @Test
    void aRefusedCallerIsRolledBackToItsSavepointWhileTheOthersCommitInTheSameTransaction() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (GroupCommitter committer = oneCommitter(GroupCommitConfig.DEFAULTS, metrics);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch release = hold(committer, threads);
            Future<?> a = enqueue(committer, threads, c -> tombstone(c, "a"));
            Future<?> b = enqueue(committer, threads, c -> {
                tombstone(c, "b");
                throw FlightpathException.failedPrecondition("b is refused");
            });
            Future<?> c3 = enqueue(committer, threads, c -> tombstone(c, "c"));

            release.countDown();
            a.get();
            c3.get();

            assertThatThrownBy(b::get).hasCauseInstanceOf(FlightpathException.class).hasMessageContaining("b is refused");
            assertThat(tombstones()).containsExactlyInAnyOrder("a", "c");
            // one transaction for the blocker, one for a, b and c together
            assertThat(metrics.get("flightpath.inflight.commits").counter().count()).isEqualTo(2);
        }
    }

    @Test
    void whenTheGroupTransactionIsLostNoCallerHearsSuccess() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (GroupCommitter committer = oneCommitter(GroupCommitConfig.DEFAULTS, metrics);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch release = hold(committer, threads);
            Future<?> a = enqueue(committer, threads, c -> tombstone(c, "a"));
            Future<?> killer = enqueue(committer, threads, c -> {
                long id;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                    rs.next();
                    id = rs.getLong(1);
                }
                // the group's connection dies from outside, as a server crash would take it
                return t.db().read(other -> {
                    try (Statement s = other.createStatement()) {
                        return s.execute("KILL CONNECTION " + id);
                    }
                });
            });

            release.countDown();

            for (Future<?> f : List.of(a, killer)) {
                assertThatThrownBy(f::get).hasCauseInstanceOf(FlightpathException.class)
                        .cause().satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
            }
            assertThat(tombstones()).isEmpty();
        }
    }

    @Test
    void aFullQueueRefusesCallersWithUnavailable() throws Exception {
        try (GroupCommitter committer = oneCommitter(new GroupCommitConfig(10, 1), new SimpleMeterRegistry());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch release = hold(committer, threads);
            Future<?> waiting = enqueue(committer, threads, c -> tombstone(c, "waiting"));

            assertThatThrownBy(() -> committer.submit(1, c -> tombstone(c, "refused")))
                    .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                    .hasMessageContaining("overloaded");
            release.countDown();
            waiting.get();
            assertThat(tombstones()).containsExactly("waiting");
        }
    }

    @Test
    void callersInOneGroupSeeTheMovesOfTheCallersBeforeThemButNeverThoseOfARefusedOne() throws Exception {
        Call call = t.newCall(ACCOUNT);
        try (GroupCommitter committer = oneCommitter(GroupCommitConfig.DEFAULTS, new SimpleMeterRegistry());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch release = hold(committer, threads);
            Future<StatusMoves.Outcome> refused = enqueue(committer, threads, moves(
                    StatusEvent.of(call.sid(), CallStatus.RINGING, T1), StatusEvent.of(call.sid(), CallStatus.QUEUED, T1)));
            Future<StatusMoves.Outcome> ringing = enqueue(committer, threads, moves(StatusEvent.of(call.sid(), CallStatus.RINGING, T1)));
            Future<StatusMoves.Outcome> answered = enqueue(committer, threads,
                    moves(StatusEvent.of(call.sid(), CallStatus.IN_PROGRESS, T1.plusSeconds(1))));

            release.countDown();

            assertThatThrownBy(refused::get).cause().isInstanceOfSatisfying(FlightpathException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));
            // the refused caller's ringing was not kept, so this one moved the call itself
            assertThat(ringing.get()).isEqualTo(new StatusMoves.Outcome(1, 0));
            assertThat(answered.get()).isEqualTo(new StatusMoves.Outcome(1, 0));
            assertThat(t.store().call(ACCOUNT, call.sid())).hasValueSatisfying(
                    c -> assertThat(c.status()).isEqualTo(CallStatus.IN_PROGRESS));
        }
    }

    @Test
    void aCreateThatFailsTheSharedInsertFailsAloneWhileTheRestOfTheGroupCommits() throws Exception {
        Call existing = t.newCall(ACCOUNT);
        Call fresh = new Call(CallSid.random(), ACCOUNT, null, "+14155550100", "+14155550199", null, null, null,
                CallStatus.QUEUED, Direction.OUTBOUND_API, null, null, null, null, null, null, null, null, null, null,
                null, T1, T1);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (GroupCommitter committer = oneCommitter(GroupCommitConfig.DEFAULTS, metrics);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch release = hold(committer, threads);
            Future<Void> duplicate = enqueue(committer, threads, new Write.Insert<>(RecordKind.CALLS, existing));
            Future<Void> created = enqueue(committer, threads, new Write.Insert<>(RecordKind.CALLS, fresh));

            release.countDown();

            assertThatThrownBy(duplicate::get).cause().isInstanceOfSatisfying(FlightpathException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
            created.get();
            assertThat(t.store().call(ACCOUNT, fresh.sid())).contains(fresh);
            assertThat(metrics.get("flightpath.inflight.commits").counter().count()).isEqualTo(2);
        }
    }

    private GroupCommitter oneCommitter(GroupCommitConfig config, SimpleMeterRegistry metrics) {
        // one committer, so that what waits in the queue while it is held becomes one group
        return new GroupCommitter(t.db(), config.withCommitters(1), new SharedWrites(new StatusMoves(t.clock())), metrics);
    }

    private static Write.Moves moves(StatusEvent... events) {
        return new Write.Moves(List.of(events), Map.of());
    }

    /** Submits {@code work} from a thread of its own and returns once it waits in the queue. */
    private static <T> Future<T> enqueue(GroupCommitter committer, ExecutorService threads, SqlWork<T> work) {
        return enqueue(committer, threads, new Write.Custom<>(work));
    }

    private static <T> Future<T> enqueue(GroupCommitter committer, ExecutorService threads, Write<T> write) {
        int before = committer.queued();
        Future<T> outcome = threads.submit(() -> committer.submit(1, write));
        await().until(() -> committer.queued() == before + 1);
        return outcome;
    }

    /** Keeps the committer busy in a group of its own until the returned latch is released. */
    private static CountDownLatch hold(GroupCommitter committer, ExecutorService threads) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        threads.submit(() -> committer.submit(1, c -> {
            holding.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while holding the committer", e);
            }
        }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    private static int tombstone(Connection c, String sid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO finished (sid, status, finished_at) VALUES (?, 'x', NOW(6))")) {
            ps.setString(1, sid);
            return ps.executeUpdate();
        }
    }

    private List<String> tombstones() {
        return t.db().read(c -> {
            List<String> sids = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sid FROM finished")) {
                while (rs.next()) {
                    sids.add(rs.getString(1));
                }
            }
            return sids;
        });
    }

    @FunctionalInterface
    interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code n} tasks on virtual threads released together, and returns their results in order. */
    static <T> List<T> inParallel(int n, Task<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return task.run(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        }
    }
}
