package io.flightpath.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One call, with the fields of Twilio's 2010-04-01 Call resource. Immutable: status and price
 * changes return a new record. Only {@code sid}, {@code accountSid}, {@code status},
 * {@code direction}, {@code dateCreated} and {@code dateUpdated} are required; the rest may be
 * null where Twilio's may.
 *
 * @param parentCallSid the call that created this one (a dial leg), or null
 * @param toFormatted   {@code to} as shown to people, e.g. "(415) 555-0100"
 * @param answeredBy    answering-machine detection result such as "human", or null
 * @param startTime     when the call was answered, null until then
 * @param endTime       when the call reached a post-flight status, null until then
 * @param duration      whole seconds from {@code startTime} to {@code endTime}, null until the call ends
 * @param price         what the call cost, negative as in Twilio ("-0.0085"), null until rated
 * @param priceUnit     ISO 4217 currency of {@code price}, e.g. "USD"
 * @param queueTime     milliseconds the call waited in Twilio's queue before dialling
 */
public record Call(
        CallSid sid,
        AccountSid accountSid,
        CallSid parentCallSid,
        String to,
        String from,
        String toFormatted,
        String fromFormatted,
        String phoneNumberSid,
        CallStatus status,
        Direction direction,
        String answeredBy,
        String callerName,
        String forwardedFrom,
        Instant startTime,
        Instant endTime,
        Integer duration,
        BigDecimal price,
        String priceUnit,
        Long queueTime,
        String trunkSid,
        String groupSid,
        Instant dateCreated,
        Instant dateUpdated) {

    public Call {
        Fields.required(sid, "call sid");
        Fields.required(accountSid, "call account_sid");
        Fields.required(status, "call status");
        Fields.required(direction, "call direction");
        Fields.required(dateCreated, "call date_created");
        Fields.required(dateUpdated, "call date_updated");
        Fields.notNegative(duration, "call duration");
        Fields.notNegative(queueTime, "call queue_time");
    }

    /**
     * This call moved to {@code next} at {@code at}, which also becomes {@code dateUpdated}.
     * Moving to in-progress sets {@code startTime} if unset; moving to a post-flight status sets
     * {@code endTime} if unset and {@code duration} to the whole seconds since {@code startTime},
     * or 0 for a call that was never answered. A repeat of the current status returns this
     * record unchanged; any other move the table forbids throws FAILED_PRECONDITION.
     */
    public Call withStatus(CallStatus next, Instant at) {
        Fields.required(at, "call status time");
        if (next == status) {
            return this;
        }
        status.checkMoveTo(next);
        requireNotBefore(at);
        Instant start = startTime == null && next == CallStatus.IN_PROGRESS ? at : startTime;
        Instant end = endTime;
        Integer seconds = duration;
        if (next.isPostFlight()) {
            end = endTime == null ? at : endTime;
            seconds = start == null ? 0 : wholeSecondsBetween(start, end);
        }
        return new Call(sid, accountSid, parentCallSid, to, from, toFormatted, fromFormatted, phoneNumberSid,
                next, direction, answeredBy, callerName, forwardedFrom, start, end, seconds,
                price, priceUnit, queueTime, trunkSid, groupSid, dateCreated, at);
    }

    /**
     * This call after a status event for it: its status move (see {@link #withStatus}) and the
     * answering-machine result the event carries. A repeat of the current status is this record.
     */
    public Call after(StatusEvent event) {
        Call next = withStatus(event.callStatus(), event.at());
        return next == this || event.answeredBy() == null ? next : next.withAnsweredBy(event.answeredBy());
    }

    /** This call with the answering-machine detection result an event reported; {@code dateUpdated} is left as it is. */
    public Call withAnsweredBy(String result) {
        return new Call(sid, accountSid, parentCallSid, to, from, toFormatted, fromFormatted, phoneNumberSid,
                status, direction, result, callerName, forwardedFrom, startTime, endTime, duration,
                price, priceUnit, queueTime, trunkSid, groupSid, dateCreated, dateUpdated);
    }

    /** This call with its rated price; {@code dateUpdated} is left as it is. */
    public Call withPrice(BigDecimal newPrice, String newPriceUnit) {
        return new Call(sid, accountSid, parentCallSid, to, from, toFormatted, fromFormatted, phoneNumberSid,
                status, direction, answeredBy, callerName, forwardedFrom, startTime, endTime, duration,
                newPrice, newPriceUnit, queueTime, trunkSid, groupSid, dateCreated, dateUpdated);
    }

    // Clock skew between the events can put the end before the start; a call never lasts less than 0 s.
    private static int wholeSecondsBetween(Instant start, Instant end) {
        long seconds = Duration.between(start, end).toSeconds();
        return Math.clamp(seconds, 0, Integer.MAX_VALUE);
    }

    /**
     * A status time before the record's last change (its creation included) is refused, not
     * stored: date_updated must never come before date_created, nor a later status before an
     * earlier one. FAILED_PRECONDITION, which the events endpoint answers with 422.
     */
    private void requireNotBefore(Instant at) {
        if (at.isBefore(dateUpdated)) {
            throw FlightpathException.failedPrecondition("call %s: a status time %s is before its last change at %s",
                    sid, at, dateUpdated);
        }
    }
}
