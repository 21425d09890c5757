package io.flightpath.http;

import io.flightpath.core.AccountSid;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Cursor;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.PageRequest;
import io.flightpath.core.TimeRange;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The query parameters of the internal listing routes, written by every service client and read
 * by every service server in this one place, so no two sides can drift: each query field,
 * {@code pageSize} and {@code after} (a page token). Times are ISO-8601 instants; absent means no
 * filter.
 */
public final class ListingParams {
    public static final int DEFAULT_PAGE_SIZE = 50;

    private ListingParams() {
    }

    public static Map<String, String> of(CallQuery query, PageRequest page) {
        Map<String, String> params = paging(page);
        params.put("to", query.to());
        params.put("from", query.from());
        params.put("parentCallSid", query.parentCallSid() == null ? null : query.parentCallSid().value());
        params.put("status", query.status() == null ? null : query.status().wire());
        putRange(params, "startTime", query.startTime());
        putRange(params, "endTime", query.endTime());
        return params;
    }

    public static Map<String, String> of(MessageQuery query, PageRequest page) {
        Map<String, String> params = paging(page);
        params.put("to", query.to());
        params.put("from", query.from());
        putRange(params, "dateSent", query.dateSent());
        return params;
    }

    public static Map<String, String> usage(Instant from, Instant to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", from == null ? null : from.toString());
        params.put("to", to == null ? null : to.toString());
        return params;
    }

    /** {@code param} returns a query parameter's value, or null when the request has none. */
    public static CallQuery callQuery(AccountSid account, Function<String, String> param) {
        String parent = param.apply("parentCallSid");
        String status = param.apply("status");
        return new CallQuery(account, param.apply("to"), param.apply("from"),
                parent == null ? null : CallSid.parse(parent),
                status == null ? null : CallStatus.fromWire(status),
                range(param, "startTime"), range(param, "endTime"));
    }

    public static MessageQuery messageQuery(AccountSid account, Function<String, String> param) {
        return new MessageQuery(account, param.apply("to"), param.apply("from"), range(param, "dateSent"));
    }

    public static PageRequest page(Function<String, String> param) {
        String size = param.apply("pageSize");
        String after = param.apply("after");
        int parsed;
        try {
            parsed = size == null ? DEFAULT_PAGE_SIZE : Integer.parseInt(size);
        } catch (NumberFormatException e) {
            throw FlightpathException.invalid("pageSize must be a whole number, was '%s'", size);
        }
        return new PageRequest(parsed, after == null ? null : Cursor.parse(after));
    }

    /** A required instant parameter, such as the bounds of a usage report. */
    public static Instant instant(Function<String, String> param, String name) {
        Instant value = optionalInstant(param, name);
        if (value == null) {
            throw FlightpathException.invalid("%s is required", name);
        }
        return value;
    }

    private static Map<String, String> paging(PageRequest page) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("pageSize", Integer.toString(page.size()));
        params.put("after", page.after() == null ? null : page.after().token());
        return params;
    }

    private static void putRange(Map<String, String> params, String name, TimeRange range) {
        params.put(name + "From", range.from() == null ? null : range.from().toString());
        params.put(name + "To", range.to() == null ? null : range.to().toString());
    }

    private static TimeRange range(Function<String, String> param, String name) {
        return new TimeRange(optionalInstant(param, name + "From"), optionalInstant(param, name + "To"));
    }

    private static Instant optionalInstant(Function<String, String> param, String name) {
        String text = param.apply(name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw FlightpathException.invalid("%s must be an ISO-8601 instant such as 2025-01-02T03:04:05Z, was '%s'",
                    name, text);
        }
    }
}
