package io.flightpath.shadow;

import io.flightpath.core.FlightpathException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Everything Shadow needs to run, validated on construction: each message names the field and
 * its value. {@code secondary} and {@code rules} may be null (no secondary side; no rules file).
 * Build one with {@link #builder(URI, URI)}.
 *
 * @param host                address both listeners bind to
 * @param listenPort          the proxy's port (0 picks a free one)
 * @param adminPort           the report's port: page, JSON API, {@code /metrics} (0 picks a free one)
 * @param mirrorCapacity      requests in the mirror at once; beyond that they are dropped (and counted)
 * @param maxBodyBytes        largest request or response body proxied; larger answers 413 or 502
 * @param compareBodyBytes    largest body compared; larger ones are recorded as errors, never compared
 * @param noiseRelative       Diffy's relative threshold (share of a field's differences not explained by the secondary)
 * @param noiseAbsolute       Diffy's absolute threshold (share of requests)
 */
public record ShadowConfig(String host, int listenPort, int adminPort, URI stable, URI experimental, URI secondary,
                           Path rules, Path dataDir, Duration stableTimeout, Duration experimentalTimeout,
                           int mirrorCapacity, int maxBodyBytes, int compareBodyBytes, int samplesPerField,
                           int maxSamples, Set<String> secretHeaders, double noiseRelative, double noiseAbsolute) {

    public ShadowConfig {
        require(host != null && !host.isBlank(), "host must not be blank, was '%s'", host);
        port("listenPort", listenPort);
        port("adminPort", adminPort);
        url("stable", stable);
        url("experimental", experimental);
        if (secondary != null) {
            url("secondary", secondary);
        }
        require(dataDir != null, "dataDir must be set, was null");
        positive("stableTimeout", stableTimeout);
        positive("experimentalTimeout", experimentalTimeout);
        require(mirrorCapacity >= 1, "mirrorCapacity must be >= 1, was %d", mirrorCapacity);
        require(maxBodyBytes >= 1, "maxBodyBytes must be >= 1, was %d", maxBodyBytes);
        require(compareBodyBytes >= 1 && compareBodyBytes <= maxBodyBytes,
                "compareBodyBytes must be between 1 and maxBodyBytes (%d), was %d", maxBodyBytes, compareBodyBytes);
        require(samplesPerField >= 1, "samplesPerField must be >= 1, was %d", samplesPerField);
        require(maxSamples >= samplesPerField, "maxSamples must be >= samplesPerField (%d), was %d", samplesPerField, maxSamples);
        require(secretHeaders != null, "secretHeaders must be set, was null");
        secretHeaders = Set.copyOf(secretHeaders);
        require(noiseRelative >= 0 && noiseRelative < 1, "noiseRelative must be in [0, 1), was %s", noiseRelative);
        require(noiseAbsolute >= 0 && noiseAbsolute < 1, "noiseAbsolute must be in [0, 1), was %s", noiseAbsolute);
    }

    public static Builder builder(URI stable, URI experimental) {
        return new Builder(stable, experimental);
    }

    private static void port(String name, int port) {
        require(port >= 0 && port <= 65535, "%s must be between 0 and 65535, was %d", name, port);
    }

    private static void url(String name, URI uri) {
        require(uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                && uri.getQuery() == null, "%s must be an http(s) URL with a host and no query, was '%s'", name, uri);
    }

    private static void positive(String name, Duration d) {
        require(d != null && d.isPositive(), "%s must be > 0, was %s", name, d);
    }

    private static void require(boolean ok, String format, Object... args) {
        if (!ok) {
            throw FlightpathException.invalid(format, args);
        }
    }

    /** Defaults for everything but the two sides; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int listenPort;
        private int adminPort;
        private final URI stable;
        private final URI experimental;
        private URI secondary;
        private Path rules;
        private Path dataDir = Path.of(".flightpath", "shadow");
        private Duration stableTimeout = Duration.ofSeconds(30);
        private Duration experimentalTimeout = Duration.ofSeconds(10);
        private int mirrorCapacity = 1024;
        private int maxBodyBytes = 16 * 1024 * 1024;
        private int compareBodyBytes = 1024 * 1024;
        private int samplesPerField = 5;
        private int maxSamples = 1000;
        private Set<String> secretHeaders = Set.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie");
        // Diffy's defaults: 20 % relative, 0.03 % absolute
        private double noiseRelative = 0.2;
        private double noiseAbsolute = 0.0003;

        private Builder(URI stable, URI experimental) {
            this.stable = stable;
            this.experimental = experimental;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder listenPort(int v) { listenPort = v; return this; }
        public Builder adminPort(int v) { adminPort = v; return this; }
        public Builder secondary(URI v) { secondary = v; return this; }
        public Builder rules(Path v) { rules = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder stableTimeout(Duration v) { stableTimeout = v; return this; }
        public Builder experimentalTimeout(Duration v) { experimentalTimeout = v; return this; }
        public Builder mirrorCapacity(int v) { mirrorCapacity = v; return this; }
        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
        public Builder compareBodyBytes(int v) { compareBodyBytes = v; return this; }
        public Builder samplesPerField(int v) { samplesPerField = v; return this; }
        public Builder maxSamples(int v) { maxSamples = v; return this; }
        public Builder secretHeaders(Set<String> v) { secretHeaders = v; return this; }
        public Builder noiseRelative(double v) { noiseRelative = v; return this; }
        public Builder noiseAbsolute(double v) { noiseAbsolute = v; return this; }

        public ShadowConfig build() {
            return new ShadowConfig(host, listenPort, adminPort, stable, experimental, secondary, rules, dataDir,
                    stableTimeout, experimentalTimeout, mirrorCapacity, maxBodyBytes, compareBodyBytes,
                    samplesPerField, maxSamples, secretHeaders, noiseRelative, noiseAbsolute);
        }
    }
}
