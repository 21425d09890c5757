package io.flightpath.loadgen;

import io.flightpath.core.CallSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.MessageSid;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The public 2010-04-01 API as an outside client sees it: form-encoded creates, fetch by SID and
 * list pages, each authenticated as the record's account. Thread-safe.
 */
final class PublicApi {
    private final MeteredHttp http;
    private final List<URI> roots;
    private final AtomicLong turn = new AtomicLong();
    private final Duration timeout;

    /**
     * Each {@code root} is scheme, host and port of one API node: every path, including
     * next_page_uri, is absolute. Requests go to the roots in turn, so a retry meets the next node.
     */
    PublicApi(MeteredHttp http, List<URI> roots, Duration timeout) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("the public API needs at least one root");
        }
        this.http = http;
        this.roots = List.copyOf(roots);
        this.timeout = timeout;
    }

    /** The first page of an account's calls or messages. */
    static String listPath(LoadAccount account, RecordKind kind, int pageSize) {
        return accountPath(account) + "/" + kind.resource + ".json?PageSize=" + pageSize;
    }

    /** Creates a call or message; its SID, or empty when the request failed (already counted). */
    Optional<String> create(LoadAccount account, RecordKind kind, Map<String, String> form) {
        HttpRequest request = request(account, accountPath(account) + "/" + kind.resource + ".json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        Response response = http.send(kind.create, request, false);
        if (!response.ok()) {
            return Optional.empty();
        }
        String sid = response.json().path("sid").asText();
        boolean valid = kind == RecordKind.CALL ? CallSid.isValid(sid) : MessageSid.isValid(sid);
        if (!valid) {
            throw FlightpathException.internal("POST %s.json answered %d with sid '%s'", kind.resource, response.status(), sid);
        }
        return Optional.of(sid);
    }

    Response fetch(Operation op, LoadAccount account, RecordKind kind, String sid) {
        return get(op, account, accountPath(account) + "/" + kind.resource + "/" + sid + ".json");
    }

    /** {@code path} is a list path or a next_page_uri taken from the previous page. */
    Response get(Operation op, LoadAccount account, String path) {
        return http.send(op, request(account, path).GET().build(), true);
    }

    private HttpRequest.Builder request(LoadAccount account, String path) {
        return HttpRequest.newBuilder(roots.get((int) Math.floorMod(turn.getAndIncrement(), (long) roots.size())).resolve(path)).timeout(timeout)
                .header("Authorization", account.basicAuth())
                .header("Accept", "application/json");
    }

    private static String accountPath(LoadAccount account) {
        return "/2010-04-01/Accounts/" + account.sid();
    }

    private static String encode(Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
