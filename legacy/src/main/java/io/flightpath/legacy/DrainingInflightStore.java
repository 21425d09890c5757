package io.flightpath.legacy;

import io.flightpath.aggregator.NewestFirst;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.inflight.store.MariaDbInflightStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The in-flight service while the legacy tables drain (rollout phase SPLIT_INFLIGHT): new records
 * are created in the dedicated in-flight store, records left in flight in the legacy tables finish
 * there, and reads see both, so no record goes missing while the legacy in-flight rows run out.
 * The dedicated store's relay hands its finished records off into the legacy tables. Thread-safe.
 */
public final class DrainingInflightStore implements InflightService {
    private final MariaDbInflightStore dedicated;
    private final LegacyInflightStore legacy;

    public DrainingInflightStore(MariaDbInflightStore dedicated, LegacyInflightStore legacy) {
        this.dedicated = dedicated;
        this.legacy = legacy;
    }

    @Override
    public Call createCall(NewCall call) {
        return dedicated.createCall(call);
    }

    @Override
    public Message createMessage(NewMessage message) {
        return dedicated.createMessage(message);
    }

    /**
     * Sends each event to the store its record belongs to: the dedicated store for a SID it has had
     * (in flight, awaiting handoff, or handed off with its tombstone kept, so a late duplicate of a
     * final status is still a no-op there), the legacy tables for any other. A batch naming both
     * applies all or none: the legacy part is checked and written first and commits only after the
     * dedicated part has applied, so a refusal in either applies nothing. The one partial outcome
     * left is a failure of the legacy commit itself after the dedicated part committed; the caller
     * then sees that failure, as for an unknown outcome on one store.
     */
    @Override
    public void apply(List<StatusEvent> events) {
        if (events == null || events.stream().anyMatch(Objects::isNull)) {
            throw FlightpathException.invalid("status events must be a list without nulls");
        }
        Set<String> known = dedicated.known(events.stream().map(StatusEvent::sid).collect(Collectors.toSet()));
        // the split keeps each record's events in their order: a record is in one store only
        Map<Boolean, List<StatusEvent>> byStore = events.stream().collect(Collectors.partitioningBy(e -> known.contains(e.sid())));
        List<StatusEvent> fresh = byStore.get(true);
        List<StatusEvent> old = byStore.get(false);
        if (old.isEmpty()) {
            dedicated.apply(fresh);
        } else {
            legacy.apply(old, () -> dedicated.apply(fresh));
        }
    }

    /** A record is in one of the two stores: a new one is never in the legacy in-flight view, an old one never in the dedicated store. */
    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        return dedicated.call(account, sid).or(() -> legacy.call(account, sid));
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return dedicated.message(account, sid).or(() -> legacy.message(account, sid));
    }

    /** Asks both: the one that does not hold the call does nothing, the one that holds it in flight refuses. */
    @Override
    public void handOffCall(AccountSid account, CallSid sid) {
        dedicated.handOffCall(account, sid);
        legacy.handOffCall(account, sid);
    }

    @Override
    public void handOffMessage(AccountSid account, MessageSid sid) {
        dedicated.handOffMessage(account, sid);
        legacy.handOffMessage(account, sid);
    }

    /**
     * Both stores' calls, merged by the aggregator's rule. Records never move between the two (a
     * new record leaves the dedicated store for the legacy post-flight rows, which the aggregator
     * reads after this), so the order of the two reads does not matter.
     */
    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        return NewestFirst.CALLS.page(page, p -> legacy.calls(query, p), p -> dedicated.calls(query, p));
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        return NewestFirst.MESSAGES.page(page, p -> legacy.messages(query, p), p -> dedicated.messages(query, p));
    }
}
