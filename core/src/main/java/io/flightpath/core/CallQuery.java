package io.flightpath.core;

/**
 * Which of one account's calls a listing returns; null fields do not filter. Every service that
 * lists calls applies the same filters, so the aggregator can merge their pages.
 */
public record CallQuery(AccountSid account, String to, String from, CallSid parentCallSid, CallStatus status,
                        TimeRange startTime, TimeRange endTime) {
    public CallQuery {
        Fields.required(account, "call query account_sid");
        startTime = startTime == null ? TimeRange.ANY : startTime;
        endTime = endTime == null ? TimeRange.ANY : endTime;
    }

    public static CallQuery all(AccountSid account) {
        return new CallQuery(account, null, null, null, null, TimeRange.ANY, TimeRange.ANY);
    }

    /** Whether {@code call} passes every filter: the same rule the stores apply in SQL. */
    public boolean matches(Call call) {
        return call.accountSid().equals(account)
                && (to == null || to.equals(call.to()))
                && (from == null || from.equals(call.from()))
                && (parentCallSid == null || parentCallSid.equals(call.parentCallSid()))
                && (status == null || status == call.status())
                && startTime.contains(call.startTime())
                && endTime.contains(call.endTime());
    }
}
