package io.flightpath.store;

import io.flightpath.core.Call;
import io.flightpath.core.Message;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Times as the shards keep them: UTC DATETIME(6). Records are cut to microseconds before they are
 * written, so a record read back equals the record written whatever precision the caller's clock had.
 */
public final class Micros {
    private Micros() {
    }

    public static Call call(Call c) {
        return new Call(c.sid(), c.accountSid(), c.parentCallSid(), c.to(), c.from(), c.toFormatted(),
                c.fromFormatted(), c.phoneNumberSid(), c.status(), c.direction(), c.answeredBy(), c.callerName(),
                c.forwardedFrom(), truncate(c.startTime()), truncate(c.endTime()), c.duration(), c.price(),
                c.priceUnit(), c.queueTime(), c.trunkSid(), c.groupSid(), truncate(c.dateCreated()),
                truncate(c.dateUpdated()));
    }

    public static Message message(Message m) {
        return new Message(m.sid(), m.accountSid(), m.to(), m.from(), m.body(), m.numSegments(), m.numMedia(),
                m.status(), m.direction(), m.messagingServiceSid(), m.errorCode(), m.errorMessage(), m.price(),
                m.priceUnit(), truncate(m.dateCreated()), truncate(m.dateUpdated()), truncate(m.dateSent()));
    }

    /** The column value of a time that is stored. */
    public static LocalDateTime stored(Instant t) {
        return LocalDateTime.ofInstant(truncate(t), ZoneOffset.UTC);
    }

    /**
     * The column value of a range bound. Rounded up: a stored time (whole microseconds) is at or
     * after a bound exactly when it is at or after the bound's next whole microsecond.
     */
    public static LocalDateTime bound(Instant t) {
        Instant down = t.truncatedTo(ChronoUnit.MICROS);
        Instant up = down.equals(t) ? t : down.plus(1, ChronoUnit.MICROS);
        return LocalDateTime.ofInstant(up, ZoneOffset.UTC);
    }

    private static Instant truncate(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }
}
