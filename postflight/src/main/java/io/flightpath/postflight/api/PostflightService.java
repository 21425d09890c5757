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
 * The post-flight store: calls and messages that reached a final status, sharded by AccountSid,
 * read often and changed only by late fields (price), redaction and deletion. Every method that
 * names an account only ever sees that account's records. Implementations are thread-safe.
 */
public interface PostflightService {

    /**
     * Stores finished calls, idempotently by SID: a call already present is left as it is, so a
     * retried handoff batch never doubles a record. Every call must be in a post-flight status.
     */
    void insertCalls(List<Call> calls);

    /** As {@link #insertCalls}, for messages. */
    void insertMessages(List<Message> messages);

    Optional<Call> call(AccountSid account, CallSid sid);

    Optional<Message> message(AccountSid account, MessageSid sid);

    /** The account's calls matching the query, newest first (date_created, then sid, descending). */
    Page<Call> calls(CallQuery query, PageRequest page);

    Page<Message> messages(MessageQuery query, PageRequest page);

    /** Sets the late-arriving price; NOT_FOUND when the account has no such call. */
    Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at);

    Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at);

    /** Empties the body of a message; NOT_FOUND when the account has no such message. */
    Message redactMessage(AccountSid account, MessageSid sid, Instant at);

    /** Deletes the call; false when the account had no such call. */
    boolean deleteCall(AccountSid account, CallSid sid);

    boolean deleteMessage(AccountSid account, MessageSid sid);

    /**
     * Usage of one account in [from, to): calls and their minutes, messages and their segments,
     * and what each cost, per UTC day. Billing's only source.
     */
    List<UsageDay> usage(AccountSid account, Instant from, Instant to);
}
