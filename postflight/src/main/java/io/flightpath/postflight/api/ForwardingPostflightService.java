package io.flightpath.postflight.api;

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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A post-flight service that passes every call to {@link #delegate()}, asked once per call, so
 * that a decorator overrides only what it changes and may change its delegate between calls.
 */
public abstract class ForwardingPostflightService implements PostflightService {
    /** The service this call goes to. */
    protected abstract PostflightService delegate();

    @Override
    public void insertCalls(List<Call> calls) {
        delegate().insertCalls(calls);
    }

    @Override
    public void insertMessages(List<Message> messages) {
        delegate().insertMessages(messages);
    }

    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        return delegate().call(account, sid);
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return delegate().message(account, sid);
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        return delegate().calls(query, page);
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        return delegate().messages(query, page);
    }

    @Override
    public Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at) {
        return delegate().priceCall(account, sid, price, priceUnit, at);
    }

    @Override
    public Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at) {
        return delegate().priceMessage(account, sid, price, priceUnit, at);
    }

    @Override
    public Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
        return delegate().redactMessage(account, sid, at);
    }

    @Override
    public boolean deleteCall(AccountSid account, CallSid sid) {
        return delegate().deleteCall(account, sid);
    }

    @Override
    public boolean deleteMessage(AccountSid account, MessageSid sid) {
        return delegate().deleteMessage(account, sid);
    }

    @Override
    public List<UsageDay> usage(AccountSid account, Instant from, Instant to) {
        return delegate().usage(account, from, to);
    }
}
