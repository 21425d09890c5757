package io.flightpath.bench;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.UsageDay;
import io.flightpath.postflight.api.PostflightService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A post-flight service that tells the handoff lag when its inserts of calls have committed; all else passes through. */
final class ObservedPostflight implements PostflightService {
    private final PostflightService store;
    private final HandoffLag lag;

    ObservedPostflight(PostflightService store, HandoffLag lag) {
        this.store = store;
        this.lag = lag;
    }

    @Override
    public void insertCalls(List<Call> calls) {
        store.insertCalls(calls);
        lag.landed(calls);
    }

    @Override
    public void insertMessages(List<Message> messages) {
        store.insertMessages(messages);
    }

    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        return store.call(account, sid);
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return store.message(account, sid);
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        return store.calls(query, page);
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        return store.messages(query, page);
    }

    @Override
    public Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at) {
        return store.priceCall(account, sid, price, priceUnit, at);
    }

    @Override
    public Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at) {
        return store.priceMessage(account, sid, price, priceUnit, at);
    }

    @Override
    public Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
        return store.redactMessage(account, sid, at);
    }

    @Override
    public boolean deleteCall(AccountSid account, CallSid sid) {
        return store.deleteCall(account, sid);
    }

    @Override
    public boolean deleteMessage(AccountSid account, MessageSid sid) {
        return store.deleteMessage(account, sid);
    }

    @Override
    public List<UsageDay> usage(AccountSid account, Instant from, Instant to) {
        return store.usage(account, from, to);
    }
}
