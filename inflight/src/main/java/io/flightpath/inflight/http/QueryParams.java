package io.flightpath.inflight.http;

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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The query parameters of the listing routes, written by the client and read by the server in
 * one place so the two cannot drift: every query field, {@code pageSize} and {@code after} (a
 * page token). Times are ISO-8601 instants; absent parameters do not filter.
 */
final class QueryParams {
    static final int DEFAULT_PAGE_SIZE = 50;

    private QueryParams() {
    }

    static Map<String, String> of(CallQuery q, PageRequest page) {
        Map<String, String> params = paging(page);
        params.put("to", q.to());
        params.put("from", q.from());
        params.put("parentCallSid", q.parentCallSid() == null ? null : q.parentCallSid().value());
        params.put("status", q.status() == null ? null : q.status().wire());
        putRange(params, "startTime", q.startTime());
        putRange(params, "endTime", q.endTime());
        return params;
    }

    static Map<String, String> of(MessageQuery q, PageRequest page) {
        Map<String, String> params = paging(page);
        params.put("to", q.to());
        params.put("from", q.from());
        putRange(params, "dateSent", q.dateSent());
        return params;
    }

    /** {@code param} gives a query parameter's value, or null when absent. */
    static CallQuery callQuery(AccountSid account, Function<String, String> param) {
        String parent = param.apply("parentCallSid");
        String status = param.apply("status");
        return new CallQuery(account, param.apply("to"), param.apply("from"),
                parent == null ? null : CallSid.parse(parent),
                status == null ? null : CallStatus.fromWire(status),
                range(param, "startTime"), range(param, "endTime"));
    }

    static MessageQuery messageQuery(AccountSid account, Function<String, String> param) {
        return new MessageQuery(account, param.apply("to"), param.apply("from"), range(param, "dateSent"));
    }

    static PageRequest page(Function<String, String> param) {
        String size = param.apply("pageSize");
        String after = param.apply("after");
        int n;
        try {
            n = size == null ? DEFAULT_PAGE_SIZE : Integer.parseInt(size);
        } catch (NumberFormatException e) {
            throw FlightpathException.invalid("pageSize must be a whole number, was '%s'", size);
        }
        return new PageRequest(n, after == null ? null : Cursor.parse(after));
    }

    private static Map<String, String> paging(PageRequest page) {
        Map<String, String> params = new HashMap<>();
        params.put("pageSize", Integer.toString(page.size()));
        params.put("after", page.after() == null ? null : page.after().token());
        return params;
    }

    private static void putRange(Map<String, String> params, String name, TimeRange range) {
        params.put(name + "From", range.from() == null ? null : range.from().toString());
        params.put(name + "To", range.to() == null ? null : range.to().toString());
    }

    private static TimeRange range(Function<String, String> param, String name) {
        return new TimeRange(instant(param, name + "From"), instant(param, name + "To"));
    }

    private static Instant instant(Function<String, String> param, String name) {
        String value = param.apply(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw FlightpathException.invalid("%s must be an ISO-8601 instant, was '%s'", name, value);
        }
    }
}
