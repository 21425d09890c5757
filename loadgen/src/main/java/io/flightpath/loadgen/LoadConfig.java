package io.flightpath.loadgen;

import io.flightpath.core.FlightpathException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one load run does and where it sends it. Validated on construction: a bad value fails
 * with a message naming the field and the value, nothing is corrected.
 *
 * @param api            root of the public API, e.g. {@code http://127.0.0.1:8080}
 * @param events         root of the in-flight service, which takes {@code POST /v1/events}
 * @param admin          root of the control service, which takes {@code POST /v1/accounts}
 * @param internalToken  bearer token of the internal endpoints (events, admin)
 * @param accounts       accounts to create and spread the traffic over
 * @param readersPerSecond list and fetch requests per second
 * @param maxInFlight    HTTP requests in flight at most, over every kind
 * @param verifyTimeout  how long the final check waits for every record to be final and listed
 * @param moreApis       further roots of the same public API (other API nodes): the requests
 *                       go to each root in turn, so that a retry meets another node
 */
public record LoadConfig(URI api, URI events, URI admin, String internalToken, int accounts,
                         double callsPerSecond, double messagesPerSecond, Duration duration,
                         double readersPerSecond, long seed, int maxInFlight, Duration verifyTimeout, List<URI> moreApis) {

    public LoadConfig {
        checkRoot("api", api);
        moreApis = List.copyOf(moreApis);
        moreApis.forEach(more -> checkRoot("api", more));
        checkRoot("events", events);
        checkRoot("admin", admin);
        if (internalToken == null || internalToken.isBlank()) {
            throw FlightpathException.invalid("internalToken must not be blank");
        }
        if (accounts < 1) {
            throw FlightpathException.invalid("accounts must be >= 1, was %d", accounts);
        }
        checkRate("callsPerSecond", callsPerSecond);
        checkRate("messagesPerSecond", messagesPerSecond);
        checkRate("readersPerSecond", readersPerSecond);
        if (callsPerSecond + messagesPerSecond == 0) {
            throw FlightpathException.invalid("callsPerSecond and messagesPerSecond must not both be 0");
        }
        checkPositive("duration", duration);
        if (maxInFlight < 1) {
            throw FlightpathException.invalid("maxInFlight must be >= 1, was %d", maxInFlight);
        }
        checkPositive("verifyTimeout", verifyTimeout);
    }

    /** A builder with the defaults: 10 accounts, 50 calls and 50 messages per second for 60 s. */
    public static Builder builder(URI api, URI events, URI admin, String internalToken) {
        return new Builder(api, events, admin, internalToken);
    }

    /** Every root of the public API, the first one first. */
    public List<URI> apis() {
        List<URI> all = new ArrayList<>(1 + moreApis.size());
        all.add(api);
        all.addAll(moreApis);
        return all;
    }

    /** The token is a credential: never printed. */
    @Override
    public String toString() {
        return "LoadConfig[api=%s, events=%s, admin=%s, accounts=%d, callsPerSecond=%s, messagesPerSecond=%s, duration=%s, readersPerSecond=%s, seed=%d, maxInFlight=%d, verifyTimeout=%s]"
                .formatted(apis(), events, admin, accounts, callsPerSecond, messagesPerSecond, duration,
                        readersPerSecond, seed, maxInFlight, verifyTimeout);
    }

    private static void checkRoot(String field, URI uri) {
        if (uri == null || !uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw FlightpathException.invalid("%s must be an absolute http(s) URI, was %s", field, uri);
        }
    }

    private static void checkRate(String field, double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw FlightpathException.invalid("%s must be >= 0, was %s", field, perSecond);
        }
    }

    private static void checkPositive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw FlightpathException.invalid("%s must be > 0, was %s", field, d);
        }
    }

    /** Collects settings; the reader rate, when not set, is half the write rate. Not thread-safe. */
    public static final class Builder {
        private final URI api;
        private final URI events;
        private final URI admin;
        private final String internalToken;
        private int accounts = 10;
        private double callsPerSecond = 50;
        private double messagesPerSecond = 50;
        private Duration duration = Duration.ofSeconds(60);
        private Double readersPerSecond;
        private long seed = 1;
        private int maxInFlight = 256;
        private Duration verifyTimeout = Duration.ofSeconds(60);
        private List<URI> moreApis = List.of();

        private Builder(URI api, URI events, URI admin, String internalToken) {
            this.api = api;
            this.events = events;
            this.admin = admin;
            this.internalToken = internalToken;
        }

        public Builder accounts(int n) {
            this.accounts = n;
            return this;
        }

        public Builder callsPerSecond(double rate) {
            this.callsPerSecond = rate;
            return this;
        }

        public Builder messagesPerSecond(double rate) {
            this.messagesPerSecond = rate;
            return this;
        }

        public Builder duration(Duration d) {
            this.duration = d;
            return this;
        }

        public Builder readersPerSecond(double rate) {
            this.readersPerSecond = rate;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder maxInFlight(int n) {
            this.maxInFlight = n;
            return this;
        }

        public Builder verifyTimeout(Duration d) {
            this.verifyTimeout = d;
            return this;
        }

        /** Further API nodes the requests are spread over with the first. */
        public Builder moreApis(List<URI> roots) {
            this.moreApis = roots;
            return this;
        }

        public LoadConfig build() {
            double readers = Objects.requireNonNullElse(readersPerSecond, (callsPerSecond + messagesPerSecond) / 2);
            return new LoadConfig(api, events, admin, internalToken, accounts, callsPerSecond, messagesPerSecond,
                    duration, readers, seed, maxInFlight, verifyTimeout, moreApis);
        }
    }
}
