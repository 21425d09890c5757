package io.flightpath.app;

import io.flightpath.core.FlightpathException;
import io.flightpath.rollout.ServicesTraffic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public API's requests through the services path, read from its Prometheus endpoint: the
 * counts of {@code flightpath_http_requests} with {@code service="api"} and {@code path="services"},
 * and of those with a 5xx status.
 */
final class ScrapedTraffic implements ServicesTraffic {
    private static final Pattern SERVED = Pattern.compile("(?m)^flightpath_http_requests_seconds_count\\{(.*)} (\\S+)$");
    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ScrapedTraffic(URI api) {
        this.metrics = api.resolve("/metrics");
    }

    @Override
    public Counts sample() {
        return count(true);
    }

    /** Every public API request so far, whichever path served it. */
    long allRequests() {
        return count(false).requests();
    }

    private Counts count(boolean servicesOnly) {
        String text;
        try {
            text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw FlightpathException.unavailable("cannot read the API's metrics at %s: %s", metrics, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlightpathException.unavailable("interrupted reading %s", metrics);
        }
        long requests = 0;
        long failed = 0;
        Matcher m = SERVED.matcher(text);
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("service=\"api\"") && (!servicesOnly || tags.contains("path=\"services\""))) {
                long n = (long) Double.parseDouble(m.group(2));
                requests += n;
                if (tags.matches(".*status=\"5\\d\\d\".*")) {
                    failed += n;
                }
            }
        }
        return new Counts(requests, failed);
    }
}
