package io.flightpath.console;

import io.flightpath.console.Views.LineChart;
import io.flightpath.core.PollLoop;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services' request rate and mean latency over the last minutes, from the Prometheus
 * endpoints they already export: every {@code every} it reads {@code flightpath_http_requests_seconds}
 * (count and sum per service) from each endpoint and keeps {@code keep} of samples. Endpoints
 * that share one registry (every service in one process) must be given once. Thread-safe.
 */
public final class Traffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Traffic.class);
    private static final Pattern LINE = Pattern.compile("(?m)^flightpath_http_requests_seconds_(count|sum)\\{(.*)} (\\S+)$");
    private static final Pattern SERVICE = Pattern.compile("service=\"([^\"]*)\"");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One scrape: when, and per service the requests so far and the seconds they took. */
    private record Sample(Instant at, Map<String, double[]> services) {
    }

    private final List<URI> endpoints;
    private final Clock clock;
    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final PollLoop loop;

    private Traffic(List<URI> endpoints, Duration every, Duration keep, Clock clock) {
        this.endpoints = List.copyOf(endpoints);
        this.clock = clock;
        this.capacity = (int) Math.max(2, keep.toMillis() / every.toMillis() + 1);
        this.loop = PollLoop.start("console-traffic", every, this::scrape, (e, inARow) -> {
            if (inARow == 1) {
                LOG.warn("cannot read the services' metrics: {}", e.getMessage());
            }
        });
    }

    /** Starts reading the {@code /metrics} of each base URL. */
    public static Traffic start(List<URI> services, Duration every, Duration keep, Clock clock) {
        return new Traffic(services.stream().map(u -> u.resolve("/metrics")).toList(), every, keep, clock);
    }

    void scrape() {
        Map<String, double[]> services = new TreeMap<>();
        for (URI endpoint : endpoints) {
            String text;
            try {
                text = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + endpoint + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            add(text, services);
        }
        synchronized (samples) {
            samples.addLast(new Sample(clock.instant(), services));
            while (samples.size() > capacity) {
                samples.removeFirst();
            }
        }
    }

    /** Adds the request counts and seconds of a Prometheus page to {@code services}, per service tag. */
    static void add(String text, Map<String, double[]> services) {
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            Matcher s = SERVICE.matcher(m.group(2));
            if (!s.find()) {
                continue;
            }
            double[] v = services.computeIfAbsent(s.group(1), k -> new double[2]);
            v[m.group(1).equals("count") ? 0 : 1] += Double.parseDouble(m.group(3));
        }
    }

    /** Requests per second and mean latency (ms) per service between consecutive samples. */
    List<LineChart> charts() {
        List<Sample> kept;
        synchronized (samples) {
            kept = new ArrayList<>(samples);
        }
        TreeSet<String> names = new TreeSet<>();
        kept.forEach(s -> names.addAll(s.services().keySet()));
        List<String> services = new ArrayList<>(names);
        List<List<Double>> rates = new ArrayList<>();
        List<List<Double>> latencies = new ArrayList<>();
        for (String service : services) {
            List<Double> rate = new ArrayList<>();
            List<Double> latency = new ArrayList<>();
            for (int i = 1; i < kept.size(); i++) {
                double[] before = kept.get(i - 1).services().get(service);
                double[] after = kept.get(i).services().get(service);
                double seconds = Duration.between(kept.get(i - 1).at(), kept.get(i).at()).toMillis() / 1000.0;
                if (before == null || after == null || seconds <= 0 || after[0] < before[0]) {
                    rate.add(null);
                    latency.add(null);
                    continue;
                }
                double requests = after[0] - before[0];
                rate.add(requests / seconds);
                latency.add(requests == 0 ? null : (after[1] - before[1]) / requests * 1000);
            }
            rates.add(rate);
            latencies.add(latency);
        }
        String from = kept.isEmpty() ? "" : CLOCK.format(kept.getFirst().at());
        String to = kept.isEmpty() ? "" : CLOCK.format(kept.getLast().at());
        return List.of(Charts.lines("Requests per second", "/s", services, rates, from, to),
                Charts.lines("Mean latency", "ms", services, latencies, from, to));
    }

    @Override
    public void close() {
        loop.close();
    }
}
