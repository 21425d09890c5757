package io.flightpath.inflight.store;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.db.SqlWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One caller's work waiting in the group committer. Its outcome is staged while the group's
 * transaction runs and handed to the caller only after the commit, so nobody hears "done" for a
 * write that was then lost.
 */
final class Request<T> {
    final int weight;
    private final SqlWork<T> work;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private T result;
    private FlightpathException refusal;

    Request(int weight, SqlWork<T> work) {
        this.weight = weight;
        this.work = work;
    }

    void run(Connection c) throws SQLException {
        result = work.run(c);
    }

    void refuse(FlightpathException e) {
        refusal = e;
    }

    /** Forgets what a rolled-back attempt staged, before the group runs again. */
    void reset() {
        result = null;
        refusal = null;
    }

    /** Called once the transaction committed: the staged refusal or result goes to the caller. */
    void complete() {
        if (refusal != null) {
            outcome.completeExceptionally(refusal);
        } else {
            outcome.complete(result);
        }
    }

    /** The transaction did not commit: a caller refused on its own merits keeps that reason. */
    void fail(FlightpathException e) {
        outcome.completeExceptionally(refusal != null ? refusal : e);
    }

    T await() {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the work may still commit; the caller cannot know, as with a lost connection
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the in-flight commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FlightpathException f) {
                // a fresh exception, so the caller's stack shows where it waited
                throw new FlightpathException(f.code(), f.getMessage(), f);
            }
            throw new FlightpathException(ErrorCode.INTERNAL, "in-flight commit failed: " + e.getCause(), e.getCause());
        }
    }
}
