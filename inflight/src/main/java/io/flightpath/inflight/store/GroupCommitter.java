package io.flightpath.inflight.store;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import io.flightpath.store.SqlWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the writes of many concurrent callers in few transactions. A committer thread takes
 * whatever is queued (up to {@link GroupCommitConfig#maxGroupEvents}), runs the group's creates
 * and status moves with shared statements ({@link SharedWrites}) and any other work in a savepoint
 * per caller, commits once, and only then answers the callers: a refused caller's writes are never
 * written or are rolled back to its savepoint, and only that caller fails; when the commit itself
 * fails every caller still waiting gets UNAVAILABLE, never a success. Several committers
 * ({@link GroupCommitConfig#committers}) run groups at once; row locks order groups that touch
 * the same record, and a caller's next request waits for its previous one anyway. Thread-safe.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    // A deadlock (with the relay, or another committer) costs the whole transaction, not a savepoint.
    private static final int DEADLOCK_ATTEMPTS = 3;

    private final Database db;
    private final GroupCommitConfig config;
    private final SharedWrites shared;
    private final BlockingQueue<Request<?>> queue;
    private final Counter commits;
    private final DistributionSummary groupSizes;
    // committers form groups one at a time, so that a group is what was queued in a row
    private final ReentrantLock taking = new ReentrantLock();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    GroupCommitter(Database db, GroupCommitConfig config, SharedWrites shared, MeterRegistry metrics) {
        this.db = db;
        this.config = config;
        this.shared = shared;
        this.queue = new ArrayBlockingQueue<>(config.maxQueued());
        this.commits = Counter.builder("flightpath.inflight.commits")
                .description("Transactions the in-flight group committer committed")
                .register(metrics);
        this.groupSizes = DistributionSummary.builder("flightpath.inflight.group.requests")
                .description("Caller requests per in-flight transaction")
                .register(metrics);
        for (int i = 0; i < config.committers(); i++) {
            threads.add(Thread.ofPlatform().name("inflight-committer-" + i).daemon().start(this::run));
        }
    }

    /**
     * Runs {@code work} alone, in a savepoint of the next group's transaction, and returns its
     * result once that transaction committed. {@code weight} is how many events the work carries.
     * A {@link FlightpathException} thrown by the work refuses this caller only.
     */
    <T> T submit(int weight, SqlWork<T> work) {
        return submit(weight, new Write.Custom<>(work));
    }

    /** Runs {@code write} in the next group's transaction and returns its result once that transaction committed. */
    <T> T submit(int weight, Write<T> write) {
        if (closed) {
            throw FlightpathException.unavailable("the in-flight store is closed");
        }
        Request<T> request = new Request<>(Math.max(1, weight), write);
        if (!queue.offer(request)) {
            throw FlightpathException.unavailable("the in-flight store is overloaded: %d requests wait for a commit", config.maxQueued());
        }
        // close() may have drained the queue between the check above and the offer
        if (closed && queue.remove(request)) {
            throw FlightpathException.unavailable("the in-flight store is closed");
        }
        return request.await();
    }

    /** Requests waiting for a group; tests use it to line callers up behind a busy committer. */
    int queued() {
        return queue.size();
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            List<Request<?>> group;
            try {
                group = nextGroup();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (!group.isEmpty()) {
                commit(group);
            }
        }
    }

    /** What is queued, up to the group bound; empty when nothing came for a while. */
    private List<Request<?>> nextGroup() throws InterruptedException {
        taking.lockInterruptibly();
        try {
            Request<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return List.of();
            }
            List<Request<?>> group = new ArrayList<>();
            group.add(first);
            int events = first.weight;
            // the only consumer while the lock is held: what peek() shows is what poll() takes
            Request<?> next;
            while ((next = queue.peek()) != null && events + next.weight <= config.maxGroupEvents()) {
                group.add(queue.poll());
                events += next.weight;
            }
            return group;
        } finally {
            taking.unlock();
        }
    }

    private void commit(List<Request<?>> group) {
        for (int attempt = 1; ; attempt++) {
            group.forEach(Request::reset);
            try {
                runInOneTransaction(group);
                commits.increment();
                groupSizes.record(group.size());
                group.forEach(Request::complete);
                return;
            } catch (SQLTransactionRollbackException e) {
                if (attempt >= DEADLOCK_ATTEMPTS) {
                    failAll(group, db.failure("group commit of " + group.size() + " requests", e));
                    return;
                }
                LOG.debug("group of {} requests rolled back by the server (attempt {}), running it again", group.size(), attempt, e);
            } catch (SQLException e) {
                failAll(group, new FlightpathException(ErrorCode.UNAVAILABLE,
                        "group commit of " + group.size() + " requests failed: " + e.getMessage(), e));
                return;
            } catch (RuntimeException e) {
                LOG.error("group commit of {} requests failed", group.size(), e);
                failAll(group, new FlightpathException(ErrorCode.UNAVAILABLE,
                        "group commit of " + group.size() + " requests failed: " + e.getMessage(), e));
                return;
            }
        }
    }

    private void runInOneTransaction(List<Request<?>> group) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            // the latest committed rows, not a snapshot: a record the relay just handed off must
            // show up as its tombstone, and fewer gap locks mean fewer deadlocks with the relay
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                for (Request<?> request : runShared(c, group)) {
                    runInSavepoint(c, request);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Runs what the group's callers can share and returns the requests left to run alone. */
    private List<Request<?>> runShared(Connection c, List<Request<?>> group) throws SQLException {
        try {
            return shared.run(c, group);
        } catch (SQLTransactionRollbackException e) {
            throw e;
        } catch (SQLException e) {
            // one bad row fails a whole shared statement: run every caller alone to find whose it is
            LOG.debug("shared statements of a group of {} requests failed; running each alone", group.size(), e);
            c.rollback();
            group.forEach(Request::reset);
            return group;
        }
    }

    private void runInSavepoint(Connection c, Request<?> request) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            request.runAlone(c, shared.moves());
            c.releaseSavepoint(savepoint);
        } catch (FlightpathException e) {
            c.rollback(savepoint);
            request.refuse(e);
        } catch (SQLTransactionRollbackException e) {
            throw e;
        } catch (SQLException e) {
            c.rollback(savepoint);
            request.refuse(db.failure("in-flight write", e));
        }
    }

    private static void failAll(List<Request<?>> requests, FlightpathException error) {
        for (Request<?> r : requests) {
            r.fail(error);
        }
    }

    /** Stops taking requests, commits what is queued, and waits for the committers to finish. */
    @Override
    public void close() {
        closed = true;
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // poll, not clear: a request is failed by whoever takes it out, so none waits forever
        Request<?> left;
        while ((left = queue.poll()) != null) {
            left.fail(FlightpathException.unavailable("the in-flight store is closed"));
        }
    }
}
