package io.flightpath.app;

import io.flightpath.control.api.AccountCredentials;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.http.Json;
import io.flightpath.inflight.api.InflightService;
import java.time.Instant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of public API requests beside the load (a create, canceled at once through the
 * events endpoint, a fetch of it, a page of the account's calls, at a fixed rate), each one's latency filed under the window it started in
 * ("before", then each phase), so the demo can give p50 and p99 per phase beside the p99 before.
 * Every call it creates is read back at the end.
 */
final class DemoProbe implements AutoCloseable {
    private final URI api;
    private final InflightService events;
    private final AccountCredentials account;
    private final String auth;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** One timed request: how long it took, what it was, and when it started. */
    record Sample(long nanos, String kind, Instant started) {
    }

    private final Map<String, List<Sample>> windows = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private final GcPauses gc = new GcPauses();
    private volatile String window = "warm-up";
    private volatile boolean stopped;
    private final Thread loop;

    DemoProbe(URI api, InflightService events, AccountCredentials account, Duration every) {
        this.api = api;
        this.events = events;
        this.account = account;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((account.accountSid().value() + ":" + account.authToken())
                .getBytes(StandardCharsets.UTF_8));
        this.loop = Ticker.start(Thread.ofVirtual().name("demo-probe"), every, () -> stopped, () -> {
            String in = window;
            Thread.ofVirtual().start(() -> probe(in));
        });
    }

    /** Later requests count in {@code name}. */
    void window(String name) {
        window = name;
        gc.window(name);
    }

    /** This JVM's collection pauses while the window (or its parts) was open. */
    GcPauses.Summary pauses(String name) {
        return gc.of(name);
    }

    private void probe(String in) {
        String base = "/2010-04-01/Accounts/" + account.accountSid().value();
        try {
            String body = "To=%2B14155550100&From=%2B14155550199&Url=http%3A%2F%2Fdemo.invalid%2Ftwiml";
            HttpResponse<String> made = timed(in, "create", HttpRequest.newBuilder(api.resolve(base + "/Calls.json"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
            if (made == null) {
                return;
            }
            String sid = Json.mapper().readTree(made.body()).get("sid").asText();
            created.add(sid);
            // the platform gives up on the call at once, so that no probe call is left in flight
            events.apply(List.of(StatusEvent.of(CallSid.parse(sid), CallStatus.CANCELED, Instant.now())));
            timed(in, "fetch", HttpRequest.newBuilder(api.resolve(base + "/Calls/" + sid + ".json")).GET());
            if (ThreadLocalRandom.current().nextInt(4) == 0) {
                timed(in, "page", HttpRequest.newBuilder(api.resolve(base + "/Calls.json?PageSize=20")).GET());
            }
        } catch (Exception e) {
            failed.computeIfAbsent(in, k -> new AtomicLong()).incrementAndGet();
        }
    }

    private HttpResponse<String> timed(String in, String kind, HttpRequest.Builder request) throws Exception {
        Instant started = Instant.now();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(request.header("Authorization", auth).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (answer.statusCode() >= 300) {
            failed.computeIfAbsent(in, k -> new AtomicLong()).incrementAndGet();
            return null;
        }
        windows.computeIfAbsent(in, k -> Collections.synchronizedList(new ArrayList<>())).add(new Sample(took, kind, started));
        return answer;
    }

    /** p50 and p99 in ms of the window's requests, and how many; NaN when it had none. */
    double[] percentiles(String name) {
        List<Long> sorted = new ArrayList<>(samples(name).stream().map(e -> e.getValue().nanos()).toList());
        if (sorted.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        Collections.sort(sorted);
        return new double[] {sorted.get((int) (sorted.size() * 0.50)) / 1e6,
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6, sorted.size()};
    }

    /** The {@code n} slowest requests of the window (and its parts), slowest first, with the part each one started in. */
    List<Map.Entry<String, Sample>> slowest(String name, int n) {
        List<Map.Entry<String, Sample>> all = new ArrayList<>(samples(name));
        all.sort(Comparator.comparingLong((Map.Entry<String, Sample> e) -> e.getValue().nanos()).reversed());
        return all.subList(0, Math.min(n, all.size()));
    }

    /** Whether {@code window} is {@code name} or one of its parts ("PHASE step"). */
    static boolean within(String window, String name) {
        return window.equals(name) || window.startsWith(name + " ");
    }

    /** The window's requests and its parts' ("PHASE step"), each with the window it was filed under. */
    private List<Map.Entry<String, Sample>> samples(String name) {
        List<Map.Entry<String, Sample>> all = new ArrayList<>();
        synchronized (windows) {
            windows.forEach((window, in) -> {
                if (within(window, name)) {
                    synchronized (in) {
                        in.forEach(sample -> all.add(Map.entry(window, sample)));
                    }
                }
            });
        }
        return all;
    }

    long failed() {
        return failed.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The calls the probe created that the API does not find now. */
    long unreadable() throws Exception {
        long missing = 0;
        for (String sid : List.copyOf(created)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.resolve("/2010-04-01/Accounts/" + account.accountSid().value()
                    + "/Calls/" + sid + ".json")).header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                missing++;
            }
        }
        return missing;
    }

    int createdCount() {
        return created.size();
    }

    @Override
    public void close() {
        stopped = true;
        gc.close();
        try {
            loop.join();
            Thread.sleep(Duration.ofSeconds(1)); // the last requests under way finish
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
