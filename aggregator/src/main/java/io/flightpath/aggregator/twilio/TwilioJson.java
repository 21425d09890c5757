package io.flightpath.aggregator.twilio;

import io.flightpath.billing.api.UsageRecord;
import io.flightpath.core.Call;
import io.flightpath.core.Message;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records in the 2010-04-01 wire format: snake_case fields, RFC 2822 dates, counts and prices as
 * strings, null where Twilio writes null, and the resource's own URI.
 */
public final class TwilioJson {
    public static final String API_VERSION = "2010-04-01";

    private TwilioJson() {
    }

    public static String accountUri(String account) {
        return "/" + API_VERSION + "/Accounts/" + account;
    }

    public static Map<String, Object> call(Call c) {
        String uri = accountUri(c.accountSid().value()) + "/Calls/" + c.sid();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_sid", c.accountSid().value());
        m.put("annotation", null);
        m.put("answered_by", c.answeredBy());
        m.put("api_version", API_VERSION);
        m.put("caller_name", c.callerName());
        m.put("date_created", TwilioDates.format(c.dateCreated()));
        m.put("date_updated", TwilioDates.format(c.dateUpdated()));
        m.put("direction", c.direction().wire());
        m.put("duration", c.duration() == null ? null : c.duration().toString());
        m.put("end_time", TwilioDates.format(c.endTime()));
        m.put("forwarded_from", c.forwardedFrom());
        m.put("from", c.from());
        m.put("from_formatted", c.fromFormatted() == null ? c.from() : c.fromFormatted());
        m.put("group_sid", c.groupSid());
        m.put("parent_call_sid", c.parentCallSid() == null ? null : c.parentCallSid().value());
        m.put("phone_number_sid", c.phoneNumberSid());
        m.put("price", money(c.price()));
        m.put("price_unit", c.priceUnit() == null ? "USD" : c.priceUnit());
        m.put("queue_time", c.queueTime() == null ? "0" : c.queueTime().toString());
        m.put("sid", c.sid().value());
        m.put("start_time", TwilioDates.format(c.startTime()));
        m.put("status", c.status().wire());
        m.put("subresource_uris", Map.of(
                "events", uri + "/Events.json",
                "notifications", uri + "/Notifications.json",
                "recordings", uri + "/Recordings.json"));
        m.put("to", c.to());
        m.put("to_formatted", c.toFormatted() == null ? c.to() : c.toFormatted());
        m.put("trunk_sid", c.trunkSid());
        m.put("uri", uri + ".json");
        return m;
    }

    public static Map<String, Object> message(Message msg) {
        String uri = accountUri(msg.accountSid().value()) + "/Messages/" + msg.sid();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_sid", msg.accountSid().value());
        m.put("api_version", API_VERSION);
        m.put("body", msg.body());
        m.put("date_created", TwilioDates.format(msg.dateCreated()));
        m.put("date_sent", TwilioDates.format(msg.dateSent()));
        m.put("date_updated", TwilioDates.format(msg.dateUpdated()));
        m.put("direction", msg.direction().wire());
        m.put("error_code", msg.errorCode());
        m.put("error_message", msg.errorMessage());
        m.put("from", msg.from());
        m.put("messaging_service_sid", msg.messagingServiceSid());
        m.put("num_media", Integer.toString(msg.numMedia()));
        m.put("num_segments", Integer.toString(msg.numSegments()));
        m.put("price", money(msg.price()));
        m.put("price_unit", msg.priceUnit() == null ? "USD" : msg.priceUnit());
        m.put("sid", msg.sid().value());
        m.put("status", msg.status().wire());
        m.put("subresource_uris", Map.of("media", uri + "/Media.json", "feedback", uri + "/Feedback.json"));
        m.put("to", msg.to());
        m.put("uri", uri + ".json");
        return m;
    }

    public static Map<String, Object> usageRecord(UsageRecord r) {
        String account = r.accountSid().value();
        String query = "?Category=" + r.category().wire() + "&StartDate=" + r.startDate() + "&EndDate=" + r.endDate();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_sid", account);
        m.put("api_version", API_VERSION);
        m.put("as_of", r.asOf().toString());
        m.put("category", r.category().wire());
        m.put("count", Long.toString(r.count()));
        m.put("count_unit", r.category().countUnit());
        m.put("description", r.category().description());
        m.put("end_date", r.endDate().toString());
        m.put("price", r.price().toPlainString());
        m.put("price_unit", r.priceUnit().toLowerCase(java.util.Locale.ROOT));
        m.put("start_date", r.startDate().toString());
        m.put("subresource_uris", Map.of(
                "all_time", accountUri(account) + "/Usage/Records/AllTime.json" + query,
                "daily", accountUri(account) + "/Usage/Records/Daily.json" + query));
        m.put("uri", accountUri(account) + "/Usage/Records.json" + query);
        m.put("usage", r.usage().toPlainString());
        m.put("usage_unit", r.category().usageUnit(r.priceUnit()));
        return m;
    }

    private static String money(BigDecimal price) {
        return price == null ? null : price.toPlainString();
    }
}
