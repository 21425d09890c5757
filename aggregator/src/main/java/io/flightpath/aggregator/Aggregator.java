package io.flightpath.aggregator;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.postflight.api.PostflightService;
import java.util.Optional;

/**
 * One view of in-flight and post-flight records. It always reads in-flight FIRST, then
 * post-flight: the handoff writes a record to post-flight before it removes it from in-flight, so
 * a record moving between the two is seen once or twice but never missed; when seen twice, the
 * post-flight copy (the final one) wins. Thread-safe.
 */
public final class Aggregator implements RecordReads {
    private final InflightService inflight;
    private final PostflightService postflight;

    public Aggregator(InflightService inflight, PostflightService postflight) {
        this.inflight = inflight;
        this.postflight = postflight;
    }

    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        Optional<Call> flying = inflight.call(account, sid);
        return postflight.call(account, sid).or(() -> flying);
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        Optional<Message> flying = inflight.message(account, sid);
        return postflight.message(account, sid).or(() -> flying);
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        return NewestFirst.CALLS.page(page, p -> inflight.calls(query, p), p -> postflight.calls(query, p));
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        return NewestFirst.MESSAGES.page(page, p -> inflight.messages(query, p), p -> postflight.messages(query, p));
    }
}
