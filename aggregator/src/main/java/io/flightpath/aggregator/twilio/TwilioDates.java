package io.flightpath.aggregator.twilio;

import io.flightpath.core.FlightpathException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Dates as the 2010-04-01 API writes them (RFC 2822, GMT) and reads them (YYYY-MM-DD, or a full timestamp). */
public final class TwilioDates {
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private TwilioDates() {
    }

    public static String format(Instant t) {
        return t == null ? null : RFC_2822.format(t);
    }

    /** The dates a filter may name: what a DATETIME column holds, from the epoch on. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-30T00:00:00Z");

    /** A filter value: a day (YYYY-MM-DD), an ISO-8601 timestamp, or an RFC 2822 date, from 1970 to 9999. */
    public static Filter parse(String parameter, String value) {
        Filter f = parseAny(parameter, value);
        if (f.at().isBefore(EARLIEST) || f.at().isAfter(LATEST)) {
            throw FlightpathException.invalid("%s must be a date from 1970 to 9999, was '%s'", parameter, value);
        }
        return f;
    }

    private static Filter parseAny(String parameter, String value) {
        try {
            return new Filter(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant(), true);
        } catch (DateTimeParseException notADay) {
            try {
                return new Filter(OffsetDateTime.parse(value).toInstant(), false);
            } catch (DateTimeParseException notIso) {
                try {
                    // the helper libraries send timestamps without a zone, meaning GMT
                    return new Filter(java.time.LocalDateTime.parse(value).toInstant(ZoneOffset.UTC), false);
                } catch (DateTimeParseException notLocal) {
                    // fall through to RFC 2822
                }
                try {
                    return new Filter(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), false);
                } catch (DateTimeParseException notRfc) {
                    throw FlightpathException.invalid("%s must be a date as YYYY-MM-DD, was '%s'", parameter, value);
                }
            }
        }
    }

    /** A parsed filter date; {@code wholeDay} when it named a day rather than an instant. */
    public record Filter(Instant at, boolean wholeDay) {
        /** The end of what the value names: the next midnight for a day, the instant itself otherwise. */
        public Instant end() {
            return wholeDay ? at.plusSeconds(86_400) : at.plusNanos(1000);
        }
    }
}
