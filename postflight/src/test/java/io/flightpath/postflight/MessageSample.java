package io.flightpath.postflight;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Direction;
import io.flightpath.core.Message;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import java.math.BigDecimal;
import java.time.Instant;

/** A delivered one-segment message for tests, sent 1 s after creation, unpriced; change what a test needs. */
public final class MessageSample {
    private final AccountSid account;
    private final Instant created;
    private final MessageSid sid = MessageSid.random();
    private String to = "+14155550100";
    private String from = "+14155550199";
    private String body = "Your code is 123456";
    private MessageStatus status = MessageStatus.DELIVERED;
    private int segments = 1;
    private Instant sent;
    private BigDecimal price;

    private MessageSample(AccountSid account, Instant created) {
        this.account = account;
        this.created = created;
        this.sent = created.plusSeconds(1);
    }

    public static MessageSample message(AccountSid account, Instant created) {
        return new MessageSample(account, created);
    }

    public MessageSample to(String value) {
        to = value;
        return this;
    }

    public MessageSample from(String value) {
        from = value;
        return this;
    }

    public MessageSample body(String value) {
        body = value;
        return this;
    }

    public MessageSample status(MessageStatus value) {
        status = value;
        return this;
    }

    /** Never left the platform (canceled, say): no date_sent. */
    public MessageSample unsent() {
        sent = null;
        return this;
    }

    public MessageSample segments(int value) {
        segments = value;
        return this;
    }

    public MessageSample price(String value) {
        price = new BigDecimal(value);
        return this;
    }

    public Message build() {
        Instant updated = sent == null ? created.plusSeconds(2) : sent.plusSeconds(1);
        return new Message(sid, account, to, from, body, segments, 0, status, Direction.OUTBOUND_API, null, null,
                null, price, "USD", created, updated, sent);
    }
}
