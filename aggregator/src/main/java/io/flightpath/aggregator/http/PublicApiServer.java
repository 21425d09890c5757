package io.flightpath.aggregator.http;

import io.flightpath.aggregator.CallEnding;
import io.flightpath.aggregator.Calls;
import io.flightpath.aggregator.Messages;
import io.flightpath.aggregator.PublicPath;
import io.flightpath.aggregator.Records;
import io.flightpath.aggregator.twilio.PublicApiException;
import io.flightpath.aggregator.twilio.TwilioDates;
import io.flightpath.aggregator.twilio.TwilioError;
import io.flightpath.aggregator.twilio.TwilioJson;
import io.flightpath.aggregator.twilio.TwilioParams;
import io.flightpath.billing.api.UsageCategory;
import io.flightpath.control.api.Account;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Cursor;
import io.flightpath.core.Direction;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.TimeRange;
import io.flightpath.http.ErrorAnswer;
import io.flightpath.http.RefusedRequest;
import io.flightpath.http.ServiceServer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The public REST API, compatible with Twilio's 2010-04-01 API for Calls, Messages and Usage
 * Records: parses the request, calls {@link Calls}, {@link Messages} or billing of the account's
 * {@link PublicPath}, which hold the rules, and writes the wire format; errors are Twilio-shaped.
 * A request only ever reaches the records of the account it authenticated as.
 */
public final class PublicApiServer {
    static final String BASE = "/2010-04-01/Accounts/{account}";
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;
    /** Page numbers without a PageToken are walked from the top; deeper pages need the token. */
    static final int MAX_WALKED_PAGES = 50;
    private static final String ACCOUNT = "flightpath.account";
    private static final String PATH = "flightpath.path";
    private static final String FORM = "flightpath.form";

    private final Authenticator authenticator;
    private final PublicPath.Chooser paths;
    private final Clock clock;
    private final Resource<Call, CallSid> callResource;
    private final Resource<Message, MessageSid> messageResource;

    /** One code path for every account. */
    public PublicApiServer(Authenticator authenticator, PublicPath path, Clock clock) {
        this(authenticator, PublicPath.Chooser.only(path), clock);
    }

    /** Each request's account served through the path {@code paths} chooses for it. */
    public PublicApiServer(Authenticator authenticator, PublicPath.Chooser paths, Clock clock) {
        this.authenticator = authenticator;
        this.paths = paths;
        this.clock = clock;
        this.callResource = new Resource<>(PublicPath::calls, CallSid::isValid, CallSid::parse, TwilioJson::call);
        this.messageResource = new Resource<>(PublicPath::messages, MessageSid::isValid, MessageSid::parse, TwilioJson::message);
    }

    /** Twilio-shaped errors for every failure on this server. */
    public static final ServiceServer.ErrorRenderer ERRORS = e -> {
        TwilioError error = e instanceof PublicApiException p ? p.error()
                : e instanceof RefusedRequest r ? TwilioError.refused(r.status(), e.getMessage())
                : TwilioError.of(e);
        return new ErrorAnswer(error.status(), headers(e, error), error);
    };

    private static Map<String, String> headers(FlightpathException e, TwilioError error) {
        if (error.status() == 401) {
            return Map.of("WWW-Authenticate", "Basic realm=\"Flightpath API\"");
        }
        if (e instanceof PublicApiException p && p.retryAfter() != null) {
            return Map.of("Retry-After", Long.toString(Math.max(1, (p.retryAfter().toMillis() + 999) / 1000)));
        }
        return Map.of();
    }

    public void routes(RoutesConfig r) {
        r.before("/2010-04-01/*", this::authenticate);
        r.get(BASE + "/Calls.json", this::listCalls);
        r.post(BASE + "/Calls.json", this::createCall);
        r.get(BASE + "/Calls/{sid}", callResource::fetch);
        r.post(BASE + "/Calls/{sid}", this::updateCall);
        r.delete(BASE + "/Calls/{sid}", callResource::delete);
        r.get(BASE + "/Messages.json", this::listMessages);
        r.post(BASE + "/Messages.json", this::createMessage);
        r.get(BASE + "/Messages/{sid}", messageResource::fetch);
        r.post(BASE + "/Messages/{sid}", this::updateMessage);
        r.delete(BASE + "/Messages/{sid}", messageResource::delete);
        r.get(BASE + "/Usage/Records.json", this::usageRecords);
    }

    // --- authentication -------------------------------------------------------------------

    private void authenticate(Context ctx) {
        FormData.checkQuery(ctx.queryString());
        Account account = authenticator.authenticate(ctx.header("Authorization"), ctx.ip())
                .orElseThrow(() -> new PublicApiException(ErrorCode.UNAUTHENTICATED, 401, TwilioError.AUTHENTICATE, "Authenticate"));
        ctx.attribute(ACCOUNT, account.sid());
        PublicPath path = paths.forAccount(account.sid());
        ctx.attribute(PATH, path);
        ctx.attribute(ServiceServer.CODE_PATH, path.name());
    }

    /** The code path chosen for the request's account when it authenticated. */
    private static PublicPath path(Context ctx) {
        return ctx.attribute(PATH);
    }

    /** The account in the URL, which must be the one that authenticated. */
    private static AccountSid account(Context ctx) {
        AccountSid authenticated = ctx.attribute(ACCOUNT);
        String inPath = ctx.pathParam("account");
        if (authenticated == null || !authenticated.value().equals(inPath)) {
            throw new PublicApiException(ErrorCode.UNAUTHENTICATED, 403, TwilioError.AUTHENTICATE,
                    "The credentials given do not grant access to account " + inPath);
        }
        return authenticated;
    }

    /** One record resource, {@code .../Calls/{sid}} or {@code .../Messages/{sid}}: what calls and messages share. */
    private record Resource<R, S>(Function<PublicPath, Records<R, S, ?>> records, Predicate<String> valid, Function<String, S> parse,
                                  Function<R, Map<String, Object>> json) {

        /** The record the URL names; 404 for a malformed or unknown SID. */
        R existing(Context ctx) {
            AccountSid account = account(ctx);
            String name = jsonName(ctx, "sid");
            if (!valid.test(name)) {
                throw notFound(ctx);
            }
            return records.apply(path(ctx)).find(account, parse.apply(name)).orElseThrow(() -> notFound(ctx));
        }

        void fetch(Context ctx) {
            ctx.json(json.apply(existing(ctx)));
        }

        void delete(Context ctx) {
            if (!records.apply(path(ctx)).delete(existing(ctx))) {
                throw notFound(ctx);
            }
            ctx.status(204);
        }

        /** Answers with the record as a change left it; 404 when it went away meanwhile. */
        void changed(Context ctx, Optional<R> record) {
            ctx.json(json.apply(record.orElseThrow(() -> notFound(ctx))));
        }
    }

    // --- calls ----------------------------------------------------------------------------

    private void listCalls(Context ctx) {
        AccountSid account = account(ctx);
        CallQuery query = new CallQuery(account, ctx.queryParam("To"), ctx.queryParam("From"),
                optional(ctx.queryParam("ParentCallSid"), v -> CallSid.parse(v)),
                optional(ctx.queryParam("Status"), CallStatus::fromWire),
                range(ctx, "StartTime"), range(ctx, "EndTime"));
        Listing<Call> listing = Listing.read(ctx, p -> path(ctx).calls().list(query, p), Cursor::of);
        ctx.json(listing.envelope(ctx, "calls", TwilioJson::call, "To", "From", "ParentCallSid", "Status",
                "StartTime", "StartTime<", "StartTime>", "EndTime", "EndTime<", "EndTime>"));
    }

    private void createCall(Context ctx) {
        AccountSid account = account(ctx);
        Map<String, String> form = form(ctx);
        String to = require(form, "To", TwilioError.NO_TO, "A 'To' phone number is required.");
        String from = require(form, "From", TwilioError.NO_FROM, "A 'From' phone number is required.");
        if (blank(form.get("Url")) && blank(form.get("Twiml")) && blank(form.get("ApplicationSid"))) {
            throw PublicApiException.badRequest(TwilioError.NO_URL, "Either Url, Twiml or ApplicationSid is required.");
        }
        TwilioParams.callTo(to);
        TwilioParams.callFrom(from);
        ifGiven(form, "Url", v -> TwilioParams.url(v, "Url", TwilioError.INVALID_URL));
        ifGiven(form, "ApplicationSid", v -> TwilioParams.sid(v, "AP", "ApplicationSid", TwilioError.INVALID_APPLICATION_SID));
        Call call = path(ctx).calls().create(new NewCall(account, to, from, Direction.OUTBOUND_API, null));
        ctx.status(201).json(TwilioJson.call(call));
    }

    private void updateCall(Context ctx) {
        Call call = callResource.existing(ctx);
        String status = form(ctx).get("Status");
        if (status == null) {
            ctx.json(TwilioJson.call(call));
            return;
        }
        callResource.changed(ctx, path(ctx).calls().end(call, CallEnding.fromWire(status)));
    }

    // --- messages -------------------------------------------------------------------------

    private void listMessages(Context ctx) {
        AccountSid account = account(ctx);
        MessageQuery query = new MessageQuery(account, ctx.queryParam("To"), ctx.queryParam("From"), range(ctx, "DateSent"));
        Listing<Message> listing = Listing.read(ctx, p -> path(ctx).messages().list(query, p), Cursor::of);
        ctx.json(listing.envelope(ctx, "messages", TwilioJson::message, "To", "From", "DateSent", "DateSent<", "DateSent>"));
    }

    private void createMessage(Context ctx) {
        AccountSid account = account(ctx);
        Map<String, String> form = form(ctx);
        String to = require(form, "To", TwilioError.NO_TO, "A 'To' phone number is required.");
        String service = form.get("MessagingServiceSid");
        String from = blank(service) ? require(form, "From", TwilioError.NO_FROM, "A 'From' phone number is required.") : form.get("From");
        String body = form.getOrDefault("Body", "");
        List<String> mediaUrls = formValues(ctx).getOrDefault("MediaUrl", List.of());
        int media = mediaUrls.size();
        if (body.isEmpty() && media == 0) {
            throw PublicApiException.badRequest(TwilioError.NO_BODY, "Message body is required.");
        }
        TwilioParams.messageTo(to);
        if (!blank(service)) {
            TwilioParams.sid(service, "MG", "MessagingServiceSid", TwilioError.INVALID_MESSAGING_SERVICE_SID);
        }
        if (from != null) {
            TwilioParams.messageFrom(from);
        }
        if (body.length() > NewMessage.MAX_BODY) {
            throw PublicApiException.badRequest(TwilioError.BODY_TOO_LONG,
                    "The concatenated message body exceeds the " + NewMessage.MAX_BODY + " character limit.");
        }
        if (media > TwilioParams.MAX_MEDIA) {
            throw PublicApiException.badRequest(TwilioError.TOO_MANY_MEDIA,
                    "At most " + TwilioParams.MAX_MEDIA + " MediaUrl values are allowed, was " + media + ".");
        }
        mediaUrls.forEach(url -> TwilioParams.url(url, "MediaUrl", TwilioError.INVALID_MEDIA_URL));
        Message message = path(ctx).messages().create(new NewMessage(account, to, from == null ? service : from, body, media,
                blank(service) ? null : service, Direction.OUTBOUND_API));
        ctx.status(201).json(TwilioJson.message(message));
    }

    /** Body="" redacts; Status=canceled cancels; with neither, the message is returned as it is. */
    private void updateMessage(Context ctx) {
        Message message = messageResource.existing(ctx);
        Map<String, String> form = form(ctx);
        String body = form.get("Body");
        String status = form.get("Status");
        if (body != null) {
            if (!body.isEmpty()) {
                throw PublicApiException.badRequest(TwilioError.INVALID_PARAMETER, "Body can only be set to \"\" to redact a message.");
            }
            messageResource.changed(ctx, path(ctx).messages().redact(message));
        } else if (status != null) {
            if (!status.equals("canceled")) {
                throw PublicApiException.badRequest(TwilioError.INVALID_PARAMETER, "Status must be canceled, was '" + status + "'");
            }
            messageResource.changed(ctx, path(ctx).messages().cancel(message));
        } else {
            ctx.json(TwilioJson.message(message));
        }
    }

    // --- usage ----------------------------------------------------------------------------

    private void usageRecords(Context ctx) {
        AccountSid account = account(ctx);
        String category = ctx.queryParam("Category");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = day(ctx.queryParam("StartDate"), "StartDate", today, LocalDate.of(2010, 1, 1));
        LocalDate end = day(ctx.queryParam("EndDate"), "EndDate", today, today);
        var records = path(ctx).billing().usageRecords(account, category == null ? null : UsageCategory.fromWire(category), start, end);
        String uri = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("end", Math.max(records.size() - 1, 0));
        envelope.put("first_page_uri", uri);
        envelope.put("next_page_uri", null);
        envelope.put("page", 0);
        envelope.put("page_size", records.size());
        envelope.put("previous_page_uri", null);
        envelope.put("start", 0);
        envelope.put("uri", uri);
        envelope.put("usage_records", records.stream().map(TwilioJson::usageRecord).toList());
        ctx.json(envelope);
    }

    /** YYYY-MM-DD, or an offset from today such as -30days. */
    private static LocalDate day(String value, String name, LocalDate today, LocalDate absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        LocalDate day;
        try {
            day = value.matches("[+-]\\d{1,5}days")
                    ? today.plusDays(Long.parseLong(value.substring(0, value.length() - 4)))
                    : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw PublicApiException.badRequest(TwilioError.INVALID_PARAMETER, name + " must be a date as YYYY-MM-DD or an offset such as -30days, was '" + value + "'");
        }
        if (day.getYear() < 1970 || day.getYear() > 9998) {
            throw PublicApiException.badRequest(TwilioError.INVALID_PARAMETER, name + " must be a date from 1970 to 9998, was '" + value + "'");
        }
        return day;
    }

    // --- request parsing ------------------------------------------------------------------

    private static FlightpathException notFound(Context ctx) {
        return new PublicApiException(ErrorCode.NOT_FOUND, 404, TwilioError.NOT_FOUND,
                "The requested resource " + ctx.path() + " was not found");
    }

    /** A path parameter written as NAME.json; the suffix is required, as in Twilio's URLs. */
    private static String jsonName(Context ctx, String param) {
        String value = ctx.pathParam(param);
        if (!value.endsWith(".json")) {
            throw notFound(ctx);
        }
        return value.substring(0, value.length() - ".json".length());
    }

    /** The form parameters, first value of each; malformed encoding is refused rather than guessed at. */
    private static Map<String, String> form(Context ctx) {
        Map<String, String> first = new LinkedHashMap<>();
        formValues(ctx).forEach((k, v) -> first.put(k, v.get(0)));
        return first;
    }

    /**
     * A POST's parameters: form-encoded, or no body and no Content-Type at all (curl -X POST);
     * anything else is refused, as Twilio reads nothing else.
     */
    private static Map<String, List<String>> formValues(Context ctx) {
        Map<String, List<String>> parsed = ctx.attribute(FORM);
        if (parsed != null) {
            return parsed;
        }
        String type = ctx.contentType();
        byte[] body = ctx.bodyAsBytes();
        boolean form = type != null && type.split(";", 2)[0].trim().equalsIgnoreCase("application/x-www-form-urlencoded");
        if (!form && (type != null || body.length > 0)) {
            throw PublicApiException.badRequest(TwilioError.INVALID_PARAMETER,
                    "Parameters must be sent as application/x-www-form-urlencoded, not " + (type == null ? "a body without a Content-Type" : type));
        }
        parsed = FormData.parse(body);
        ctx.attribute(FORM, parsed);
        return parsed;
    }

    private static void ifGiven(Map<String, String> form, String name, java.util.function.Consumer<String> check) {
        String value = form.get(name);
        if (!blank(value)) {
            check.accept(value);
        }
    }

    private static String require(Map<String, String> form, String name, int code, String message) {
        String value = form.get(name);
        if (blank(value)) {
            throw PublicApiException.badRequest(code, message);
        }
        return value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> T optional(String value, Function<String, T> parse) {
        return value == null || value.isEmpty() ? null : parse.apply(value);
    }

    /** NAME (that day or instant), NAME< (on or before) and NAME> (on or after) as one range. */
    static TimeRange range(Context ctx, String name) {
        Instant from = null;
        Instant to = null;
        String exact = ctx.queryParam(name);
        if (exact != null) {
            TwilioDates.Filter f = TwilioDates.parse(name, exact);
            from = f.at();
            to = f.end();
        }
        String before = ctx.queryParam(name + "<");
        if (before != null) {
            Instant end = TwilioDates.parse(name + "<", before).end();
            to = to == null || end.isBefore(to) ? end : to;
        }
        String after = ctx.queryParam(name + ">");
        if (after != null) {
            Instant start = TwilioDates.parse(name + ">", after).at();
            from = from == null || start.isAfter(from) ? start : from;
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw PublicApiException.badRequest(TwilioError.INVALID_PARAMETER, name + " filters leave an empty range");
        }
        return new TimeRange(from, to);
    }

    /** One page of a list resource, and the Twilio envelope around it. */
    record Listing<T>(Page<T> page, int number, int size) {

        static <T> Listing<T> read(Context ctx, Function<PageRequest, Page<T>> source, Function<T, Cursor> key) {
            int size = intParam(ctx, "PageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
            int number = intParam(ctx, "Page", 0, 0, Integer.MAX_VALUE);
            // start and end are ints on the wire: the page's last index must fit one
            if ((long) number * size + size - 1 > Integer.MAX_VALUE - 1) {
                throw PublicApiException.badRequest(TwilioError.INVALID_PARAMETER, "Page " + number + " with PageSize " + size
                        + " is past the last index a page can have (" + (Integer.MAX_VALUE - 1) + ")");
            }
            String token = ctx.queryParam("PageToken");
            if (token != null && !token.isEmpty()) {
                return new Listing<>(source.apply(new PageRequest(size, Cursor.parse(token))), number, size);
            }
            if (number > MAX_WALKED_PAGES) {
                throw PublicApiException.badRequest(TwilioError.INVALID_PARAMETER,
                        "Page " + number + " needs the PageToken from next_page_uri; pages past " + MAX_WALKED_PAGES + " are not walked");
            }
            Page<T> page = source.apply(new PageRequest(size, null));
            for (int i = 0; i < number && page.hasNext(); i++) {
                page = source.apply(new PageRequest(size, page.next()));
            }
            return new Listing<>(page, number, size);
        }

        Map<String, Object> envelope(Context ctx, String key, Function<T, Map<String, Object>> json, String... filters) {
            StringBuilder kept = new StringBuilder();
            for (String f : filters) {
                String v = ctx.queryParam(f);
                if (v != null) {
                    kept.append(encode(f)).append('=').append(encode(v)).append('&');
                }
            }
            String path = ctx.path();
            String first = path + "?" + kept + "PageSize=" + size + "&Page=0";
            String self = path + "?" + kept + "PageSize=" + size + "&Page=" + number
                    + (ctx.queryParam("PageToken") == null ? "" : "&PageToken=" + encode(ctx.queryParam("PageToken")));
            String next = page.hasNext()
                    ? path + "?" + kept + "PageSize=" + size + "&Page=" + (number + 1) + "&PageToken=" + page.next().token()
                    : null;
            int start = number * size;
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put(key, page.items().stream().map(json).toList());
            envelope.put("end", page.items().isEmpty() ? start : start + page.items().size() - 1);
            envelope.put("first_page_uri", first);
            envelope.put("next_page_uri", next);
            envelope.put("page", number);
            envelope.put("page_size", size);
            envelope.put("previous_page_uri", null);
            envelope.put("start", start);
            envelope.put("uri", self);
            return envelope;
        }

        private static int intParam(Context ctx, String name, int absent, int min, int max) {
            String value = ctx.queryParam(name);
            if (value == null || value.isEmpty()) {
                return absent;
            }
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw PublicApiException.badRequest(TwilioError.INVALID_PARAMETER,
                        name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
            }
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
