package io.flightpath.core;

import java.util.EnumSet;

/**
 * The status of a message, with Twilio's wire words and the moves a message may make.
 *
 * <p>Allowed moves:
 * <ul>
 *   <li>accepted → scheduled, queued, failed, canceled</li>
 *   <li>scheduled → queued, canceled, failed</li>
 *   <li>queued → sending, sent, failed, canceled</li>
 *   <li>sending → sent, failed, undelivered</li>
 *   <li>sent → delivered, undelivered, failed, read</li>
 *   <li>receiving → received, failed</li>
 *   <li>delivered, undelivered, failed, received, read, canceled are post-flight and final: no moves out</li>
 * </ul>
 * Because post-flight statuses are final, a WhatsApp "read" that arrives after "delivered" is
 * refused; "read" is reachable only straight from "sent".
 * A status repeated (sent → sent) is not a move: {@link #canMoveTo} returns false for it and
 * callers treat a repeated status event as an idempotent no-op rather than an error.
 */
public enum MessageStatus implements RecordStatus {
    ACCEPTED("accepted", false),
    SCHEDULED("scheduled", false),
    QUEUED("queued", false),
    SENDING("sending", false),
    SENT("sent", false),
    RECEIVING("receiving", false),
    DELIVERED("delivered", true),
    UNDELIVERED("undelivered", true),
    FAILED("failed", true),
    RECEIVED("received", true),
    READ("read", true),
    CANCELED("canceled", true);

    private static final StatusRules<MessageStatus> RULES = new StatusRules<>(MessageStatus.class, "message status")
            .allow(ACCEPTED, EnumSet.of(SCHEDULED, QUEUED, FAILED, CANCELED))
            .allow(SCHEDULED, EnumSet.of(QUEUED, CANCELED, FAILED))
            .allow(QUEUED, EnumSet.of(SENDING, SENT, FAILED, CANCELED))
            .allow(SENDING, EnumSet.of(SENT, FAILED, UNDELIVERED))
            .allow(SENT, EnumSet.of(DELIVERED, UNDELIVERED, FAILED, READ))
            .allow(RECEIVING, EnumSet.of(RECEIVED, FAILED));

    private final String wire;
    private final boolean postFlight;

    MessageStatus(String wire, boolean postFlight) {
        this.wire = wire;
        this.postFlight = postFlight;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Override
    public boolean isPostFlight() {
        return postFlight;
    }

    /** Throws INVALID_ARGUMENT, listing the accepted words, unless {@code word} is one exactly. */
    public static MessageStatus fromWire(String word) {
        return RULES.fromWire(word);
    }

    /** Whether a message in this status may move to {@code next}; false for {@code next == this}. */
    public boolean canMoveTo(MessageStatus next) {
        return RULES.allows(this, next);
    }

    /** Throws FAILED_PRECONDITION, naming both wire words, unless {@link #canMoveTo} holds. */
    public void checkMoveTo(MessageStatus next) {
        RULES.check(this, next);
    }
}
