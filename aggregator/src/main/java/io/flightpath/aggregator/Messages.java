package io.flightpath.aggregator;

import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.http.ServiceClient;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.postflight.api.PostflightService;
import java.time.Clock;
import java.util.Optional;

/**
 * An account's messages for the public API: created in flight, read from both stores, canceled
 * while in flight, redacted or deleted once finished. Thread-safe.
 */
public final class Messages extends Records<Message, MessageSid, MessageStatus> {
    private final RecordReads reads;
    private final PostflightService postflight;

    public Messages(RecordReads reads, InflightService inflight, PostflightService postflight, Clock clock) {
        super(new Kind<>("message", Message::accountSid, Message::sid, Message::status, StatusEvent::of),
                new Stores<>(reads::message, postflight::deleteMessage, inflight::handOffMessage), inflight, clock);
        this.reads = reads;
        this.postflight = postflight;
    }

    public Message create(NewMessage message) {
        return inflight.createMessage(message);
    }

    public Page<Message> list(MessageQuery query, PageRequest page) {
        return reads.messages(query, page);
    }

    /** Cancels a message in flight and returns it as it then reads, empty when it is gone; FAILED_PRECONDITION once it has finished. */
    public Optional<Message> cancel(Message message) {
        return move(message, MessageStatus.CANCELED, "canceled");
    }

    /** Empties the body of a finished message and returns it, empty when it is gone; FAILED_PRECONDITION while it is in flight. */
    public Optional<Message> redact(Message message) {
        return finished(message, "redact", () -> ServiceClient.absentIfNotFound(
                () -> postflight.redactMessage(message.accountSid(), message.sid(), now())));
    }
}
