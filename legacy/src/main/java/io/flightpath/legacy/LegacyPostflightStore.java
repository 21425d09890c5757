package io.flightpath.legacy;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.Message;
import io.flightpath.core.MessageSid;
import io.flightpath.core.UsageDay;
import io.flightpath.postflight.api.PostflightService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The post-flight service's store in front of the legacy tables: the rows whose status is final.
 * Inserts take finished records handed off from a dedicated in-flight store, idempotently by SID.
 * Thread-safe.
 */
public final class LegacyPostflightStore extends StageView implements PostflightService {
    public LegacyPostflightStore(LegacyRecords records) {
        super(records, Stage.POST_FLIGHT);
    }

    @Override
    public void insertCalls(List<Call> calls) {
        records.insertCalls(calls);
    }

    @Override
    public void insertMessages(List<Message> messages) {
        records.insertMessages(messages);
    }

    @Override
    public Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at) {
        return records.priceCall(account, sid, price, priceUnit, at);
    }

    @Override
    public Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at) {
        return records.priceMessage(account, sid, price, priceUnit, at);
    }

    @Override
    public Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
        return records.redactMessage(account, sid, at);
    }

    @Override
    public boolean deleteCall(AccountSid account, CallSid sid) {
        return records.deleteCall(account, sid);
    }

    @Override
    public boolean deleteMessage(AccountSid account, MessageSid sid) {
        return records.deleteMessage(account, sid);
    }

    @Override
    public List<UsageDay> usage(AccountSid account, Instant from, Instant to) {
        return records.usage(account, from, to);
    }
}
