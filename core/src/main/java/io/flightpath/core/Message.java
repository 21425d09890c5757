package io.flightpath.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * One SMS, MMS or WhatsApp message, with the fields of Twilio's 2010-04-01 Message resource.
 * Immutable: status, price and redaction return a new record. Only {@code sid},
 * {@code accountSid}, {@code status}, {@code direction}, {@code dateCreated} and
 * {@code dateUpdated} are required; the rest may be null where Twilio's may.
 *
 * @param body         the text; "" once redacted or for a media-only message
 * @param numSegments  how many SMS segments the body took (billing counts these)
 * @param numMedia     how many media attachments the message has
 * @param errorCode    Twilio error code such as 30003 when the message failed, or null
 * @param price        what the message cost, negative as in Twilio ("-0.0079"), null until rated
 * @param priceUnit    ISO 4217 currency of {@code price}, e.g. "USD"
 * @param dateSent     when the message left (or, inbound, arrived), null until then
 */
public record Message(
        MessageSid sid,
        AccountSid accountSid,
        String to,
        String from,
        String body,
        int numSegments,
        int numMedia,
        MessageStatus status,
        Direction direction,
        String messagingServiceSid,
        Integer errorCode,
        String errorMessage,
        BigDecimal price,
        String priceUnit,
        Instant dateCreated,
        Instant dateUpdated,
        Instant dateSent) {

    // Statuses that mean the message has left Twilio (or, for inbound, has arrived).
    private static final Set<MessageStatus> SENT_OR_LATER = EnumSet.of(
            MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.UNDELIVERED,
            MessageStatus.READ, MessageStatus.RECEIVED);

    public Message {
        Fields.required(sid, "message sid");
        Fields.required(accountSid, "message account_sid");
        Fields.required(status, "message status");
        Fields.required(direction, "message direction");
        Fields.required(dateCreated, "message date_created");
        Fields.required(dateUpdated, "message date_updated");
        Fields.notNegative(numSegments, "message num_segments");
        Fields.notNegative(numMedia, "message num_media");
    }

    /**
     * This message moved to {@code next} at {@code at}, which also becomes {@code dateUpdated}.
     * Reaching sent, delivered, undelivered, read or received sets {@code dateSent} if unset.
     * A repeat of the current status returns this record unchanged; any other move the table
     * forbids throws FAILED_PRECONDITION.
     */
    public Message withStatus(MessageStatus next, Instant at) {
        Fields.required(at, "message status time");
        if (next == status) {
            return this;
        }
        status.checkMoveTo(next);
        requireNotBefore(at);
        Instant sent = dateSent == null && SENT_OR_LATER.contains(next) ? at : dateSent;
        return new Message(sid, accountSid, to, from, body, numSegments, numMedia, next, direction,
                messagingServiceSid, errorCode, errorMessage, price, priceUnit, dateCreated, at, sent);
    }

    /**
     * This message after a status event for it: its status move (see {@link #withStatus}) and the
     * error the event reports. A repeat of the current status is this record.
     */
    public Message after(StatusEvent event) {
        Message next = withStatus(event.messageStatus(), event.at());
        boolean details = event.errorCode() != null || event.errorMessage() != null;
        return next == this || !details ? next : next.withError(event.errorCode(), event.errorMessage());
    }

    /** This message with its body removed (""); everything else, {@code dateUpdated} included, is kept. */
    public Message redacted() {
        return new Message(sid, accountSid, to, from, "", numSegments, numMedia, status, direction,
                messagingServiceSid, errorCode, errorMessage, price, priceUnit, dateCreated, dateUpdated, dateSent);
    }

    /** This message with the error an event reported (Twilio code and text); {@code dateUpdated} is left as it is. */
    public Message withError(Integer code, String text) {
        return new Message(sid, accountSid, to, from, body, numSegments, numMedia, status, direction,
                messagingServiceSid, code, text, price, priceUnit, dateCreated, dateUpdated, dateSent);
    }

    /** This message with its rated price; {@code dateUpdated} is left as it is. */
    public Message withPrice(BigDecimal newPrice, String newPriceUnit) {
        return new Message(sid, accountSid, to, from, body, numSegments, numMedia, status, direction,
                messagingServiceSid, errorCode, errorMessage, newPrice, newPriceUnit, dateCreated, dateUpdated, dateSent);
    }

    /**
     * A status time before the record's last change (its creation included) is refused, not
     * stored: date_updated must never come before date_created, nor a later status before an
     * earlier one. FAILED_PRECONDITION, which the events endpoint answers with 422.
     */
    private void requireNotBefore(Instant at) {
        if (at.isBefore(dateUpdated)) {
            throw FlightpathException.failedPrecondition("message %s: a status time %s is before its last change at %s",
                    sid, at, dateUpdated);
        }
    }
}
