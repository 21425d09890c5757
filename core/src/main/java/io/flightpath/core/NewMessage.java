package io.flightpath.core;

import java.time.Instant;

/** A message to create: it starts in-flight as queued (or accepted through a messaging service). */
public record NewMessage(AccountSid account, String to, String from, String body, int numMedia,
                         String messagingServiceSid, Direction direction) {
    /** Longest body accepted, as Twilio's API does. */
    public static final int MAX_BODY = 1600;

    public NewMessage {
        Fields.required(account, "account_sid");
        Fields.required(direction, "direction");
        if (to == null || to.isBlank()) {
            throw FlightpathException.invalid("a message needs a To number");
        }
        if (from == null || from.isBlank()) {
            throw FlightpathException.invalid("a message needs a From number");
        }
        body = body == null ? "" : body;
        if (body.isEmpty() && numMedia == 0) {
            throw FlightpathException.invalid("a message needs a Body or a MediaUrl");
        }
        if (body.length() > MAX_BODY) {
            throw FlightpathException.invalid("message body is %d characters; at most %d are allowed", body.length(), MAX_BODY);
        }
        if (numMedia < 0 || numMedia > 10) {
            throw FlightpathException.invalid("a message takes 0..10 media, was %d", numMedia);
        }
    }

    /** The message this request creates at {@code at}: a new SID, queued (accepted through a messaging service). */
    public Message create(Instant at) {
        MessageStatus status = messagingServiceSid == null ? MessageStatus.QUEUED : MessageStatus.ACCEPTED;
        return new Message(MessageSid.random(), account, to, from, body, segments(), numMedia, status, direction,
                messagingServiceSid, null, null, null, null, at, at, null);
    }

    /** SMS segments of the body: 160 GSM characters, or 153 each once split. */
    public int segments() {
        int length = body.length();
        return length <= 160 ? 1 : (length + 152) / 153;
    }
}
