package io.flightpath.core;

import java.util.EnumSet;

/**
 * The status of a call, with Twilio's wire words and the moves a call may make.
 *
 * <p>Allowed moves:
 * <ul>
 *   <li>queued → ringing, in-progress, canceled, failed, busy, no-answer</li>
 *   <li>ringing → in-progress, busy, no-answer, failed, canceled</li>
 *   <li>in-progress → completed, failed</li>
 *   <li>completed, busy, failed, no-answer, canceled are post-flight and final: no moves out</li>
 * </ul>
 * A status repeated (queued → queued) is not a move: {@link #canMoveTo} returns false for it and
 * callers treat a repeated status event as an idempotent no-op rather than an error.
 */
public enum CallStatus implements RecordStatus {
    QUEUED("queued", false),
    RINGING("ringing", false),
    IN_PROGRESS("in-progress", false),
    COMPLETED("completed", true),
    BUSY("busy", true),
    FAILED("failed", true),
    NO_ANSWER("no-answer", true),
    CANCELED("canceled", true);

    private static final StatusRules<CallStatus> RULES = new StatusRules<>(CallStatus.class, "call status")
            .allow(QUEUED, EnumSet.of(RINGING, IN_PROGRESS, CANCELED, FAILED, BUSY, NO_ANSWER))
            .allow(RINGING, EnumSet.of(IN_PROGRESS, BUSY, NO_ANSWER, FAILED, CANCELED))
            .allow(IN_PROGRESS, EnumSet.of(COMPLETED, FAILED));

    private final String wire;
    private final boolean postFlight;

    CallStatus(String wire, boolean postFlight) {
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
    public static CallStatus fromWire(String word) {
        return RULES.fromWire(word);
    }

    /** Whether a call in this status may move to {@code next}; false for {@code next == this}. */
    public boolean canMoveTo(CallStatus next) {
        return RULES.allows(this, next);
    }

    /** Throws FAILED_PRECONDITION, naming both wire words, unless {@link #canMoveTo} holds. */
    public void checkMoveTo(CallStatus next) {
        RULES.check(this, next);
    }
}
