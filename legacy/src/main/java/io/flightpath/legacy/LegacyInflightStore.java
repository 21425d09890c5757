package io.flightpath.legacy;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageSid;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.api.InflightService;
import java.util.List;
import java.util.Optional;

/**
 * The in-flight service's store in front of the legacy tables: the rows whose status is still
 * in flight. A record that finishes stays where it is and is then the post-flight store's
 * ({@link LegacyPostflightStore}), so the handoff between the two is a no-op. Thread-safe.
 */
public final class LegacyInflightStore extends StageView implements InflightService {
    public LegacyInflightStore(LegacyRecords records) {
        super(records, Stage.IN_FLIGHT);
    }

    @Override
    public Call createCall(NewCall call) {
        return records.createCall(call);
    }

    @Override
    public Message createMessage(NewMessage message) {
        return records.createMessage(message);
    }

    @Override
    public void apply(List<StatusEvent> events) {
        records.apply(events);
    }

    /** As {@link LegacyRecords#apply(List, Runnable)}: {@code alongside} runs before the events commit, and a refusal from it rolls them back. */
    public void apply(List<StatusEvent> events, Runnable alongside) {
        records.apply(events, alongside);
    }

    /** Nothing to hand off: a finished call is the post-flight store's already; this view only holds calls in flight. */
    @Override
    public void handOffCall(AccountSid account, CallSid sid) {
        refuseInFlight(call(account, sid), sid.value());
    }

    @Override
    public void handOffMessage(AccountSid account, MessageSid sid) {
        refuseInFlight(message(account, sid), sid.value());
    }

    private static void refuseInFlight(Optional<?> held, String sid) {
        if (held.isPresent()) {
            throw FlightpathException.failedPrecondition("%s is still in flight and not finished yet", sid);
        }
    }
}
