package io.flightpath.bench;

import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.store.CallRows;
import io.flightpath.store.Database;
import io.flightpath.store.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same database work as a lifecycle through the services, done with plain JDBC batches and
 * no service in between: per group of calls, one in-flight transaction inserts them and applies
 * the three status updates, one post-flight transaction inserts them, one in-flight transaction
 * deletes them. Durable commits, as the servers are configured. What the services rate is held against.
 */
final class JdbcBaseline {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBaseline.class);
    private static final CallStatus[] STEPS = {CallStatus.RINGING, CallStatus.IN_PROGRESS, CallStatus.COMPLETED};
    private static final String INSERT = "INSERT INTO calls (" + CallRows.COLUMNS + ") VALUES (" + CallRows.PLACEHOLDERS + ")";
    private static final String UPDATE = "UPDATE calls SET status = ?, start_time = ?, end_time = ?, duration = ?, "
            + "date_updated = ? WHERE sid = ?";
    private static final String DELETE = "DELETE FROM calls WHERE sid = ?";

    private final Database inflight;
    private final Database postflight;
    private final Accounts accounts;
    private final int threads;
    private final int perTransaction;
    private final CpuMeter cpu;
    private final Clock clock = Clock.systemUTC();

    JdbcBaseline(Database inflight, Database postflight, Accounts accounts, int threads, int perTransaction, CpuMeter cpu) {
        this.inflight = inflight;
        this.postflight = postflight;
        this.accounts = accounts;
        this.threads = threads;
        this.perTransaction = perTransaction;
        this.cpu = cpu;
    }

    Throughput run(Duration warmup, Duration measure) throws InterruptedException {
        LongAdder done = new LongAdder();
        Failures failures = new Failures();
        LoopThreads running = new LoopThreads();
        for (int i = 0; i < threads; i++) {
            running.start(() -> {
                try {
                    group();
                    done.add(perTransaction);
                } catch (RuntimeException e) {
                    failures.add(perTransaction, e);
                    LOG.debug("baseline group failed", e);
                }
            });
        }
        Thread.sleep(warmup);
        long start = System.nanoTime();
        long doneAtStart = done.sum();
        long failedAtStart = failures.count();
        CpuMeter.Sample cpuAtStart = cpu.sample();
        Thread.sleep(measure);
        long doneAtEnd = done.sum();
        long failedAtEnd = failures.count();
        CpuMeter.Sample used = cpu.sample().since(cpuAtStart);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        running.stopAndJoin();
        long lifecycles = doneAtEnd - doneAtStart;
        // one transaction inserts and moves a group, one deletes it
        return new Throughput(lifecycles, 2 * lifecycles / perTransaction, elapsed, used, failedAtEnd - failedAtStart, failures.first());
    }

    private void group() {
        Instant created = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Call> calls = new ArrayList<>(perTransaction);
        for (int i = 0; i < perTransaction; i++) {
            calls.add(new Call(CallSid.random(), accounts.any(), null, "+14155550100", "+14155550199", null, null, null,
                    CallStatus.QUEUED, Direction.OUTBOUND_API, null, null, null, null, null, null, null, null, null,
                    null, null, created, created));
        }
        List<Call> finished = new ArrayList<>(calls);
        inflight.transaction(c -> {
            batch(c, INSERT, calls, (ps, call) -> CallRows.bind(ps, 1, call));
            for (CallStatus step : STEPS) {
                Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
                finished.replaceAll(call -> call.withStatus(step, at));
                batch(c, UPDATE, finished, JdbcBaseline::bindUpdate);
            }
            return null;
        });
        postflight.transaction(batchWork(INSERT, finished, (ps, call) -> CallRows.bind(ps, 1, call)));
        inflight.transaction(batchWork(DELETE, finished, (ps, call) -> ps.setString(1, call.sid().value())));
    }

    private static void bindUpdate(PreparedStatement ps, Call call) throws SQLException {
        ps.setString(1, call.status().wire());
        ps.setObject(2, time(call.startTime()));
        ps.setObject(3, time(call.endTime()));
        ps.setObject(4, call.duration());
        ps.setObject(5, time(call.dateUpdated()));
        ps.setString(6, call.sid().value());
    }

    private static LocalDateTime time(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, Call call) throws SQLException;
    }

    private static SqlWork<Void> batchWork(String sql, List<Call> calls, Binder binder) {
        return c -> {
            batch(c, sql, calls, binder);
            return null;
        };
    }

    private static void batch(Connection c, String sql, List<Call> calls, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Call call : calls) {
                binder.bind(ps, call);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
