package io.flightpath.inflight.testing;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.core.UsageDay;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A post-flight store in memory for handoff tests: inserts are idempotent by SID like the real
 * one's, and it counts every insert attempt. Built over a real store, it passes every insert on to
 * it first, so a test can count the rows the real store keeps. {@link #failAfterInsert} makes the
 * next inserts store their records and then throw, as a relay crash right after the insert would
 * look; {@link #crashOn} does the same for every insert of a batch that holds a chosen SID, until
 * lifted. Thread-safe.
 */
public final class RecordingPostflight implements PostflightService {
    private final PostflightService through;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, Message> messages = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Map<String, Integer> insertsPerSid = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile RuntimeException failure;
    private volatile Predicate<String> crashing = sid -> false;

    /** Records in memory only. */
    public RecordingPostflight() {
        this(null);
    }

    /** Records in memory and passes every insert on to {@code store}, or to nothing when it is null. */
    public RecordingPostflight(PostflightService store) {
        this.through = store;
    }

    /** The next {@code times} insert calls store their records, then throw {@code failure}. */
    public void failAfterInsert(int times, RuntimeException failure) {
        this.failure = failure;
        failuresLeft.set(times);
    }

    /**
     * Every insert of a batch holding a SID that {@code sids} accepts stores its records, then throws
     * {@code failure}, until {@link #stopCrashing}.
     */
    public void crashOn(Predicate<String> sids, RuntimeException failure) {
        this.failure = failure;
        this.crashing = sids;
    }

    public void stopCrashing() {
        crashing = sid -> false;
    }

    /** How many inserts have carried this SID, successful or not. */
    public int insertsOf(String sid) {
        return insertsPerSid.getOrDefault(sid, 0);
    }

    public Map<String, Call> calls() {
        return Map.copyOf(calls);
    }

    public Map<String, Message> messages() {
        return Map.copyOf(messages);
    }

    /** Insert calls made, successful or not. */
    public int attempts() {
        return attempts.get();
    }

    @Override
    public void insertCalls(List<Call> batch) {
        insert(batch, () -> through.insertCalls(batch), calls, c -> c.sid().value());
    }

    @Override
    public void insertMessages(List<Message> batch) {
        insert(batch, () -> through.insertMessages(batch), messages, m -> m.sid().value());
    }

    private <T> void insert(List<T> batch, Runnable passOn, Map<String, T> recorded, Function<T, String> sid) {
        attempts.incrementAndGet();
        if (through != null) {
            passOn.run();
        }
        batch.forEach(r -> {
            recorded.putIfAbsent(sid.apply(r), r);
            insertsPerSid.merge(sid.apply(r), 1, Integer::sum);
        });
        Predicate<String> crash = crashing;
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || batch.stream().map(sid).anyMatch(crash)) {
            throw failure;
        }
    }

    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        return Optional.ofNullable(calls.get(sid.value())).filter(c -> c.accountSid().equals(account));
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return Optional.ofNullable(messages.get(sid.value())).filter(m -> m.accountSid().equals(account));
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        throw new UnsupportedOperationException("not used by the handoff");
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        throw new UnsupportedOperationException("not used by the handoff");
    }

    @Override
    public Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at) {
        throw new UnsupportedOperationException("not used by the handoff");
    }

    @Override
    public Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at) {
        throw new UnsupportedOperationException("not used by the handoff");
    }

    @Override
    public Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
        throw new UnsupportedOperationException("not used by the handoff");
    }

    @Override
    public boolean deleteCall(AccountSid account, CallSid sid) {
        throw new UnsupportedOperationException("not used by the handoff");
    }

    @Override
    public boolean deleteMessage(AccountSid account, MessageSid sid) {
        throw new UnsupportedOperationException("not used by the handoff");
    }

    @Override
    public List<UsageDay> usage(AccountSid account, Instant from, Instant to) {
        throw new UnsupportedOperationException("not used by the handoff");
    }
}
