package io.flightpath.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.AccountService;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.ShardKey;
import io.flightpath.core.StatusEvent;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.http.Json;
import io.flightpath.inflight.api.InflightService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads records back right after their handoff, as a client that just saw its call end would:
 * every {@code every}, a call of one of its accounts (all in the range a split moves) is created
 * and canceled at once, a final status the relay hands off, then read by SID and in two lists (the
 * account's calls to its own To number, where it is alone, and the account's first page) at a few
 * moments over the next two seconds, the handoff's window. A 404, or a list without it, is a missed
 * read (the first page only when it shows a call older than it, or is not full); any other failed
 * answer, after the load's retries of a 503, is counted apart. Thread-safe.
 */
final class ReadBackProbe implements AutoCloseable {
    private static final List<Duration> READ_AT = List.of(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2));
    private static final int PAGE_SIZE = 50;
    private static final int TRIES = 10;

    /**
     * What the probe saw: records made, reads of them (each a fetch or a list), the fetches that
     * answered 404 and the lists without the record, the other failures, and the first of each.
     */
    record Result(long records, long reads, long notFound, long unlisted, long failed, String firstMiss, String firstFailure) {
        long missed() {
            return notFound + unlisted;
        }
    }

    /** A probe account and its Basic credentials. */
    private record Reader(AccountCredentials account, String auth) {
    }

    /** A call the probe made, whose it is, the To number it alone has, and its date_created. */
    private record Made(Reader reader, String sid, String to, Instant created) {
    }

    private final URI api;
    private final InflightService events;
    private final List<Reader> readers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Made> created = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong unlisted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong numbers = new AtomicLong();
    private final AtomicReference<String> firstMiss = new AtomicReference<>();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final Thread loop;
    private volatile boolean stopped;

    ReadBackProbe(URI api, InflightService events, List<AccountCredentials> accounts, Duration every) {
        this.api = api;
        this.events = events;
        this.readers = accounts.stream().map(a -> new Reader(a, "Basic " + Base64.getEncoder().encodeToString(
                (a.accountSid().value() + ":" + a.authToken()).getBytes(StandardCharsets.UTF_8)))).toList();
        AtomicLong ticks = new AtomicLong();
        this.loop = Ticker.start(Thread.ofPlatform().name("chaos-read-back"), every, () -> stopped, () -> {
            int reader = (int) (ticks.getAndIncrement() % readers.size());
            tasks.execute(() -> probe(reader));
        });
    }

    /** {@code n} new accounts whose key is in {@code range}: an account's SID is drawn by the control store, so some are left unused. */
    static List<AccountCredentials> accountsIn(AccountService accounts, KeyRange range, int n) {
        List<AccountCredentials> in = new ArrayList<>();
        for (int tries = 0; in.size() < n; tries++) {
            if (tries > 64 * n) {
                throw new IllegalStateException("no account of the range " + range + " in " + tries + " new accounts");
            }
            AccountCredentials a = accounts.create("chaos read-back");
            if (range.contains(ShardKey.of(a.accountSid()))) {
                in.add(a);
            }
        }
        return in;
    }

    private void probe(int index) {
        Reader reader = readers.get(index);
        String base = "/2010-04-01/Accounts/" + reader.account().accountSid().value();
        String to = "+1415" + String.format("%07d", numbers.incrementAndGet() % 10_000_000);
        Made made;
        try {
            HttpResponse<String> answer = send(reader, HttpRequest.newBuilder(api.resolve(base + "/Calls.json"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("To=" + URLEncoder.encode(to, StandardCharsets.UTF_8)
                            + "&From=%2B14155550199&Url=http%3A%2F%2Fdemo.invalid%2Ftwiml")));
            if (answer.statusCode() != 201) {
                failed("create", answer);
                return;
            }
            JsonNode call = Json.mapper().readTree(answer.body());
            made = new Made(reader, call.path("sid").asText(), to, date(call));
            created.add(made);
            // a final status at once: the relay hands the call off, and the reads below race it
            events.apply(List.of(StatusEvent.of(CallSid.parse(made.sid()), CallStatus.CANCELED, Instant.now())));
        } catch (IOException | RuntimeException e) {
            failed("create", e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long start = System.nanoTime();
        for (Duration at : READ_AT) {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, start + at.toNanos() - System.nanoTime())));
                readBack(base, made);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void readBack(String base, Made made) throws InterruptedException {
        reads.addAndGet(3);
        try {
            HttpResponse<String> fetched = send(made.reader(), HttpRequest.newBuilder(api.resolve(base + "/Calls/" + made.sid() + ".json")).GET());
            if (fetched.statusCode() == 404) {
                missed(notFound, "fetch of " + made.sid() + ": 404");
            } else if (fetched.statusCode() != 200) {
                failed("fetch", fetched);
            }
        } catch (IOException e) {
            failed("fetch", e);
        }
        try {
            HttpResponse<String> list = send(made.reader(), HttpRequest.newBuilder(api.resolve(base + "/Calls.json?To="
                    + URLEncoder.encode(made.to(), StandardCharsets.UTF_8))).GET());
            if (list.statusCode() == 200 && !listed(list.body(), made.sid())) {
                missed(unlisted, "list of " + made.to() + " without " + made.sid());
            } else if (list.statusCode() != 200) {
                failed("list", list);
            }
        } catch (IOException e) {
            failed("list", e);
        }
        try {
            HttpResponse<String> page = send(made.reader(), HttpRequest.newBuilder(api.resolve(base + "/Calls.json?PageSize=" + PAGE_SIZE)).GET());
            if (page.statusCode() == 200 && !listed(page.body(), made.sid()) && belongsOn(page.body(), made)) {
                missed(unlisted, "first page of " + made.reader().account().accountSid().value() + " without " + made.sid());
            } else if (page.statusCode() != 200) {
                failed("page", page);
            }
        } catch (IOException | RuntimeException e) {
            failed("page", e);
        }
    }

    /** Whether a newest-first page must hold the call: it is not full, or it holds one created before it. */
    private static boolean belongsOn(String body, Made made) throws IOException {
        JsonNode calls = Json.mapper().readTree(body).path("calls");
        if (calls.size() < PAGE_SIZE) {
            return true;
        }
        for (JsonNode call : calls) {
            if (date(call).isBefore(made.created())) {
                return true;
            }
        }
        return false;
    }

    /** date_created, which the API gives in RFC 2822 to the second. */
    private static Instant date(JsonNode call) {
        return ZonedDateTime.parse(call.path("date_created").asText(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private void missed(AtomicLong count, String what) {
        count.incrementAndGet();
        firstMiss.compareAndSet(null, what);
    }

    private void failed(String what, HttpResponse<String> answer) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, what + ": HTTP " + answer.statusCode() + " " + answer.body().substring(0, Math.min(160, answer.body().length())));
    }

    private void failed(String what, Exception e) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, what + ": " + e);
    }

    private static boolean listed(String body, String sid) {
        try {
            for (JsonNode call : Json.mapper().readTree(body).path("calls")) {
                if (sid.equals(call.path("sid").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends, trying again on 503 and 429 (the request was not applied) as the load does: 10 tries, 50 ms doubling to 1 s apart. */
    private HttpResponse<String> send(Reader reader, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.header("Authorization", reader.auth()).timeout(Duration.ofSeconds(30)).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (attempt == TRIES || answer.statusCode() != 503 && answer.statusCode() != 429) {
                return answer;
            }
            Thread.sleep(Duration.ofMillis(Math.min(1000, 50L << (attempt - 1))));
        }
    }

    /** Stops making records and waits until the last one was read back. */
    @Override
    public void close() {
        stopped = true;
        try {
            loop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tasks.close();
    }

    Result result() {
        return new Result(created.size(), reads.get(), notFound.get(), unlisted.get(), failed.get(), firstMiss.get(), firstFailure.get());
    }

    /** The records made that the API does not find by SID now (after {@link #close}). */
    long lost() throws IOException, InterruptedException {
        long lost = 0;
        for (Made made : List.copyOf(created)) {
            HttpResponse<String> answer = send(made.reader(), HttpRequest.newBuilder(api.resolve("/2010-04-01/Accounts/"
                    + made.reader().account().accountSid().value() + "/Calls/" + made.sid() + ".json")).GET());
            if (answer.statusCode() != 200) {
                lost++;
            }
        }
        return lost;
    }
}
