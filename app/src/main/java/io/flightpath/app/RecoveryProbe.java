package io.flightpath.app;

import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.core.FlightpathException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Tells when a Flightpath is whole again after a fault: the public API answers a read of an
 * account's calls, and the control store answers and lists a routing node that acknowledged the
 * maps since the fault was lifted. Used by `flightpath chaos` to time recovery.
 */
final class RecoveryProbe {
    private static final Duration EVERY = Duration.ofMillis(100);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest read;
    private final RoutingService routing;

    RecoveryProbe(URI api, AccountCredentials account, RoutingService routing) {
        String basic = Base64.getEncoder().encodeToString((account.accountSid() + ":" + account.authToken()).getBytes(StandardCharsets.UTF_8));
        this.read = HttpRequest.newBuilder(api.resolve("/2010-04-01/Accounts/" + account.accountSid() + "/Calls.json?PageSize=1"))
                .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(5)).GET().build();
        this.routing = routing;
    }

    /** Waits until whole, probing every 100 ms; returns the time from {@code since}. */
    Duration awaitRecovered(Instant since, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!whole(since)) {
            if (Instant.now().isAfter(deadline)) {
                throw FlightpathException.unavailable("not recovered within %s of the fault's end", Setting.format(timeout));
            }
            Thread.sleep(EVERY);
        }
        return Duration.between(since, Instant.now());
    }

    private boolean whole(Instant since) throws InterruptedException {
        try {
            if (http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                return false;
            }
            Instant now = Instant.now();
            // a node acknowledged since the fault ended: the control store answers and a router follows it
            // (a killed process's node stays listed, not live, until its row ages out)
            List<NodeAck> nodes = routing.nodes();
            return nodes.stream().anyMatch(n -> n.isLive(now) && n.lastSeen().isAfter(since));
        } catch (IOException | FlightpathException e) {
            return false;
        }
    }
}
