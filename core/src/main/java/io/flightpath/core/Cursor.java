package io.flightpath.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A position in a newest-first listing: the key (date_created, sid) of the last record a page
 * returned. Keys never change, so paging by key neither skips nor repeats a record when others
 * are added or handed off between pages. Listings order by date_created descending, then sid
 * descending; the next page holds the keys strictly below this one.
 */
public record Cursor(Instant dateCreated, String sid) {
    public Cursor {
        Fields.required(dateCreated, "cursor date_created");
        Fields.required(sid, "cursor sid");
    }

    public static Cursor of(Call call) {
        return new Cursor(call.dateCreated(), call.sid().value());
    }

    public static Cursor of(Message message) {
        return new Cursor(message.dateCreated(), message.sid().value());
    }

    /** Whether a record with this key comes after (below) the cursor in a newest-first listing. */
    public boolean isAbove(Instant otherCreated, String otherSid) {
        int byTime = otherCreated.compareTo(dateCreated);
        return byTime < 0 || byTime == 0 && otherSid.compareTo(sid) < 0;
    }

    /** An opaque, URL-safe token for this cursor. */
    public String token() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, dateCreated);
        String plain = micros + ":" + sid;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token made by {@link #token()}; anything else is INVALID_ARGUMENT. */
    public static Cursor parse(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            long micros = Long.parseLong(plain.substring(0, colon));
            String sid = plain.substring(colon + 1);
            if (!CallSid.isValid(sid) && !MessageSid.isValid(sid)) {
                throw new IllegalArgumentException("not a record SID");
            }
            return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), sid);
        } catch (RuntimeException e) {
            throw FlightpathException.invalid("not a valid page token: '%s'", token);
        }
    }
}
