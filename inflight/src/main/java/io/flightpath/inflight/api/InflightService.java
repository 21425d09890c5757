package io.flightpath.inflight.api;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import java.util.List;
import java.util.Optional;

/**
 * The in-flight store: calls and messages while their status still changes, in a store tuned for
 * many small writes. A record that reaches a post-flight status is handed off to the post-flight
 * store and then leaves this one. Implementations are thread-safe.
 */
public interface InflightService {

    /** Creates a call in status queued and returns it; it is durable when this returns. */
    Call createCall(NewCall call);

    /** Creates a message in status queued (accepted when sent through a messaging service). */
    Message createMessage(NewMessage message);

    /**
     * Applies status events, all or none: when any event names an unknown record (NOT_FOUND) or
     * an illegal move (FAILED_PRECONDITION), nothing is applied. An event repeating a record's
     * current status is a no-op, as is one for a record that already finished with that status
     * (a retried delivery from the platform). Durable when this returns.
     */
    void apply(List<StatusEvent> events);

    Optional<Call> call(AccountSid account, CallSid sid);

    Optional<Message> message(AccountSid account, MessageSid sid);

    /**
     * Hands off the account's finished call now rather than at the relay's next pass, so that a
     * change only post-flight makes (deletion) can follow at once: when this returns, the call is in
     * post-flight and gone from here. Does nothing when this store does not hold the call (it never
     * did, or has handed it off already); FAILED_PRECONDITION while the call is still in flight.
     */
    void handOffCall(AccountSid account, CallSid sid);

    /** As {@link #handOffCall}, for messages (redaction and deletion follow it). */
    void handOffMessage(AccountSid account, MessageSid sid);

    /** The account's in-flight calls matching the query, newest first (date_created, then sid, descending). */
    Page<Call> calls(CallQuery query, PageRequest page);

    Page<Message> messages(MessageQuery query, PageRequest page);
}
