package io.flightpath.aggregator;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.Cursor;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.postflight.api.PostflightService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
        // one more than the page from each side tells whether a next page exists
        PageRequest probe = new PageRequest(page.size() + 1, page.after());
        List<Call> flying = inflight.calls(query, probe).items();
        List<Call> landed = postflight.calls(query, probe).items();
        return merge(flying, landed, page.size(), c -> c.sid().value(), Cursor::of);
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        PageRequest probe = new PageRequest(page.size() + 1, page.after());
        List<Message> flying = inflight.messages(query, probe).items();
        List<Message> landed = postflight.messages(query, probe).items();
        return merge(flying, landed, page.size(), m -> m.sid().value(), Cursor::of);
    }

    /**
     * Merges two newest-first lists, each holding the top of its side below the same cursor. Each
     * list has distinct SIDs, so the merged list is at least as long as either: when it has no
     * more than {@code size}, both sides are exhausted.
     */
    static <T> Page<T> merge(List<T> flying, List<T> landed, int size, Function<T, String> sid, Function<T, Cursor> key) {
        Map<String, T> bySid = new LinkedHashMap<>();
        flying.forEach(r -> bySid.put(sid.apply(r), r));
        landed.forEach(r -> bySid.put(sid.apply(r), r)); // the post-flight copy replaces the in-flight one
        Comparator<T> newestFirst = Comparator.<T, java.time.Instant>comparing(r -> key.apply(r).dateCreated())
                .thenComparing(r -> key.apply(r).sid())
                .reversed();
        List<T> merged = new ArrayList<>(bySid.values());
        merged.sort(newestFirst);
        if (merged.size() <= size) {
            return new Page<>(merged, null);
        }
        List<T> page = merged.subList(0, size);
        return new Page<>(page, key.apply(page.get(size - 1)));
    }
}
