package io.flightpath.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.console.Views.BarChart;
import io.flightpath.console.Views.Field;
import io.flightpath.console.Views.Filter;
import io.flightpath.console.Views.Moment;
import io.flightpath.console.Views.RecordList;
import io.flightpath.console.Views.RecordPage;
import io.flightpath.console.Views.Row;
import io.flightpath.core.CallStatus;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.MessageStatus;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An account's pages: its calls and messages, newest first, with the API's filters and keyset
 * paging; one record with its fields and timeline; usage per day. Everything is read through the
 * public API with the account's own credentials, so the answers to bad input are the API's.
 */
final class AccountPages {
    static final int PAGE_SIZE = 20;
    static final int USAGE_DAYS = 14;
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{1,64}");

    /** Calls or messages: the API resource, the JSON key of its list, its filters and how to tell a post-flight status. */
    enum Kind {
        CALLS("calls", "Calls", List.of(new Filter("To", "To", "text", null), new Filter("From", "From", "text", null),
                new Filter("Status", "Status", "text", null), new Filter("StartTime>", "Started on or after", "date", null),
                new Filter("StartTime<", "Started on or before", "date", null)),
                w -> CallStatus.fromWire(w).isPostFlight()),
        MESSAGES("messages", "Messages", List.of(new Filter("To", "To", "text", null), new Filter("From", "From", "text", null),
                new Filter("DateSent>", "Sent on or after", "date", null), new Filter("DateSent<", "Sent on or before", "date", null)),
                w -> MessageStatus.fromWire(w).isPostFlight());

        final String key;
        final String title;
        final List<Filter> filters;
        final Predicate<String> postFlight;

        Kind(String key, String title, List<Filter> filters, Predicate<String> postFlight) {
            this.key = key;
            this.title = title;
            this.filters = filters;
            this.postFlight = postFlight;
        }

        String resource() {
            return title;
        }

        boolean isPostFlight(String status) {
            try {
                return postFlight.test(status);
            } catch (FlightpathException e) {
                return false; // a word this build does not know: shown as it is, not as finished
            }
        }
    }

    private final PublicApi api;
    private final Pages pages;
    private final Clock clock;

    AccountPages(PublicApi api, Pages pages, Clock clock) {
        this.api = api;
        this.pages = pages;
        this.clock = clock;
    }

    void list(Context ctx, Session session, Kind kind) {
        Map<String, String> query = new LinkedHashMap<>();
        List<Filter> filters = new ArrayList<>();
        for (Filter f : kind.filters) {
            String v = ctx.queryParam(f.name());
            filters.add(new Filter(f.name(), f.label(), f.type(), v == null ? "" : v));
            if (v != null && !v.isBlank()) {
                query.put(f.name(), v.strip());
            }
        }
        Map<String, String> kept = new LinkedHashMap<>(query);
        query.put("PageSize", Integer.toString(PAGE_SIZE));
        String token = ctx.queryParam("PageToken");
        String number = ctx.queryParam("Page");
        if (token != null && !token.isEmpty()) {
            query.put("PageToken", token);
            query.put("Page", number == null ? "1" : number);
        }
        JsonNode page = api.get(session, kind.resource() + ".json", query);
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : page.path(kind.key)) {
            String sid = r.path("sid").asText();
            String status = r.path("status").asText();
            rows.add(new Row(sid, "/" + kind.key + "/" + sid, r.path("to").asText(""), r.path("from").asText(""), status,
                    kind.isPostFlight(status), r.path("date_created").asText("")));
        }
        String next = null;
        if (page.hasNonNull("next_page_uri")) {
            Map<String, String> from = queryOf(page.get("next_page_uri").asText());
            Map<String, String> link = new LinkedHashMap<>(kept);
            link.put("Page", from.getOrDefault("Page", "1"));
            link.put("PageToken", from.get("PageToken"));
            next = "/" + kind.key + "?" + encode(link);
        }
        String first = kept.isEmpty() ? null : "/" + kind.key + "?" + encode(kept);
        RecordList list = new RecordList(kind.key, kind.title, filters, rows, page.path("page").asInt(0),
                first == null ? "/" + kind.key : first, next);
        pages.page(ctx, 200, Pages.Frame.of(kind.title, kind.key, session), "records.jte", Map.of("list", list));
    }

    void record(Context ctx, Session session, Kind kind) {
        String sid = ctx.pathParam("sid");
        if (!SID.matcher(sid).matches()) {
            throw new ConsoleError(404, "The requested resource /" + kind.key + "/" + sid + " was not found");
        }
        JsonNode r = api.get(session, kind.resource() + "/" + sid + ".json", Map.of());
        String status = r.path("status").asText();
        List<Field> fields = new ArrayList<>();
        r.fields().forEachRemaining(e -> {
            if (!e.getValue().isContainerNode()) {
                fields.add(new Field(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
            }
        });
        RecordPage page = new RecordPage(kind.key, sid, status, kind.isPostFlight(status), timeline(kind, r), fields, "/" + kind.key);
        pages.page(ctx, 200, Pages.Frame.of(sid, kind.key, session), "record.jte", Map.of("record", page));
    }

    /**
     * The statuses the record went through, as far as its own times tell: the stores keep a
     * record's current status and the times of its milestones (created, answered or sent, ended),
     * not every event, so a move between two in-flight statuses shows only as the current one.
     */
    static List<Moment> timeline(Kind kind, JsonNode r) {
        String status = r.path("status").asText();
        boolean finished = kind.isPostFlight(status);
        List<Moment> moments = new ArrayList<>();
        String created = r.path("date_created").asText(null);
        String updated = r.path("date_updated").asText(null);
        if (kind == Kind.CALLS) {
            moments.add(new Moment("queued", created, false, "created"));
            String started = r.path("start_time").asText(null);
            String ended = r.path("end_time").asText(null);
            if (started != null) {
                moments.add(new Moment("in-progress", started, false, "answered"));
            }
            if (finished) {
                moments.add(new Moment(status, ended != null ? ended : updated, true, "ended: a post-flight status"));
            } else if (!status.equals("queued") && !(status.equals("in-progress") && started != null)) {
                moments.add(new Moment(status, updated, false, "current status"));
            }
        } else {
            moments.add(new Moment("accepted", created, false, "created"));
            String sent = r.path("date_sent").asText(null);
            if (sent != null) {
                moments.add(new Moment("sent", sent, false, "sent"));
            }
            if (finished) {
                moments.add(new Moment(status, updated, true, "finished: a post-flight status"));
            } else if (!status.equals("accepted") && !(status.equals("sent") && sent != null)) {
                moments.add(new Moment(status, updated, false, "current status"));
            }
        }
        return moments;
    }

    /** Calls and messages per day over the last {@link #USAGE_DAYS} days, from the API's usage records, one day per request. */
    void usage(Context ctx, Session session) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> days = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        for (int i = USAGE_DAYS - 1; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            JsonNode usage = api.get(session, "Usage/Records.json", Map.of("StartDate", day.toString(), "EndDate", day.toString()));
            long calls = 0;
            long messages = 0;
            for (JsonNode u : usage.path("usage_records")) {
                switch (u.path("category").asText()) {
                    case "calls" -> calls = u.path("count").asLong();
                    case "sms" -> messages = u.path("count").asLong();
                    default -> { }
                }
            }
            days.add(day.toString());
            counts.add(new long[] {calls, messages});
        }
        BarChart chart = Charts.pairedBars(days, counts, List.of("calls", "messages"));
        pages.page(ctx, 200, Pages.Frame.of("Usage", "usage", session), "usage.jte",
                Map.of("chart", chart, "days", days, "counts", counts));
    }

    private static Map<String, String> queryOf(String uri) {
        Map<String, String> q = new LinkedHashMap<>();
        int at = uri.indexOf('?');
        if (at < 0) {
            return q;
        }
        for (String pair : uri.substring(at + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static String encode(Map<String, String> query) {
        StringBuilder b = new StringBuilder();
        query.forEach((k, v) -> {
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return b.toString();
    }
}
