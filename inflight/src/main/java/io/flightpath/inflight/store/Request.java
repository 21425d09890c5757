package io.flightpath.inflight.store;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One caller's write waiting in the group committer. Its outcome is staged while the group's
 * transaction runs and handed to the caller only after the commit, so nobody hears "done" for a
 * write that was then lost.
 */
final class Request<T> {
    final int weight;
    private final Write<T> write;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private Object result;
    private FlightpathException refusal;

    Request(int weight, Write<T> write) {
        this.weight = weight;
        this.write = write;
    }

    Write<T> write() {
        return write;
    }

    /** Runs the write on its own and stages its result. */
    void runAlone(Connection c, StatusMoves moves) throws SQLException {
        result = write.alone(c, moves);
    }

    /** Stages the result the write produced as part of shared statements; its type is the write's. */
    void stage(Object value) {
        result = value;
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
    @SuppressWarnings("unchecked") // stage() is only ever given what this request's write returns
    void complete() {
        if (refusal != null) {
            outcome.completeExceptionally(refusal);
        } else {
            outcome.complete((T) result);
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
