package io.flightpath.aggregator;

import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.RecordStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.api.InflightService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An account's calls or messages as the public API changes them, and what a record's status
 * permits: one in flight may move to another status, a finished one may be deleted. A change only
 * post-flight makes has in-flight hand the record off first if it still holds it, so a record that
 * reads as finished is changed as one, even in the moment before its handoff. Thread-safe.
 *
 * @param <R> the record, {@code S} its SID, {@code T} its status
 */
public abstract sealed class Records<R, S, T extends RecordStatus> permits Calls, Messages {

    /** How to read a record of this kind and word a status event for it. */
    record Kind<R, S, T>(String noun, Function<R, AccountSid> account, Function<R, S> sid, Function<R, T> status,
                         Event<S, T> event) {
    }

    @FunctionalInterface
    interface Event<S, T> {
        StatusEvent of(S sid, T status, Instant at);
    }

    /** Where a record of this kind is read, deleted from post-flight and handed off from in-flight. */
    record Stores<R, S>(BiFunction<AccountSid, S, Optional<R>> find, BiPredicate<AccountSid, S> deleteLanded,
                        BiConsumer<AccountSid, S> handOff) {
    }

    final InflightService inflight;
    private final Kind<R, S, T> kind;
    private final Stores<R, S> stores;
    private final Clock clock;

    Records(Kind<R, S, T> kind, Stores<R, S> stores, InflightService inflight, Clock clock) {
        this.kind = kind;
        this.stores = stores;
        this.inflight = inflight;
        this.clock = clock;
    }

    /** The account's record as the aggregator reads it: the post-flight copy when both stores hold it. */
    public final Optional<R> find(AccountSid account, S sid) {
        return stores.find().apply(account, sid);
    }

    /** Deletes a finished record; false when it is gone already. FAILED_PRECONDITION while it is in flight. */
    public final boolean delete(R record) {
        return finished(record, "delete", () -> stores.deleteLanded().test(account(record), sid(record))
                ? Optional.of(record) : Optional.empty()).isPresent();
    }

    /**
     * Moves a record in flight to {@code next} and returns it as it then reads, empty when it is gone;
     * FAILED_PRECONDITION once it has finished, saying it can no longer be {@code changed}.
     */
    final Optional<R> move(R record, T next, String changed) {
        RecordStatus current = kind.status().apply(record);
        if (current.isPostFlight()) {
            String noun = Character.toUpperCase(kind.noun().charAt(0)) + kind.noun().substring(1);
            throw FlightpathException.failedPrecondition("%s is %s and can no longer be %s.", noun, current.wire(), changed);
        }
        inflight.apply(List.of(kind.event().of(sid(record), next, now())));
        return find(account(record), sid(record));
    }

    /**
     * Makes {@code change}, which only post-flight can make, to a finished record; empty when the
     * record is gone. FAILED_PRECONDITION, naming the {@code action}, while it is in flight.
     */
    final <V> Optional<V> finished(R record, String action, Supplier<Optional<V>> change) {
        RecordStatus current = kind.status().apply(record);
        if (!current.isPostFlight()) {
            throw FlightpathException.failedPrecondition("Cannot %s a %s that is %s.", action, kind.noun(), current.wire());
        }
        // A finished record may still be in-flight, between its final status and its handoff (with
        // or without a post-flight copy yet): hand it off first, so that the change is made to the
        // only copy left and a read after it cannot find the unchanged in-flight one.
        stores.handOff().accept(account(record), sid(record));
        return change.get();
    }

    final Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private AccountSid account(R record) {
        return kind.account().apply(record);
    }

    private S sid(R record) {
        return kind.sid().apply(record);
    }
}
