package io.flightpath.app;

import io.flightpath.core.FlightpathException;
import io.flightpath.shadow.ShadowConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Shadow's settings: the {@code shadow.*} keys of the settings file (FLIGHTPATH_SHADOW_* variables
 * override them, and command-line options override both) turned into a {@link ShadowConfig}. Every
 * mistake, an unknown {@code shadow.*} key included, fails with one message naming the key and the value.
 */
final class ShadowSettings {
    static final String LISTEN = "shadow.listen";
    static final String HOST = "shadow.host";
    static final String ADMIN_PORT = "shadow.admin-port";
    static final String STABLE = "shadow.stable";
    static final String EXPERIMENTAL = "shadow.experimental";
    static final String SECONDARY = "shadow.secondary";
    static final String RULES = "shadow.rules";
    static final String DATA = "shadow.data";
    static final String SECRET_HEADERS = "shadow.secret-headers";
    static final String STABLE_TIMEOUT = "shadow.stable-timeout";
    static final String EXPERIMENTAL_TIMEOUT = "shadow.experimental-timeout";
    static final String MIRROR_CAPACITY = "shadow.mirror-capacity";
    static final String MAX_BODY_BYTES = "shadow.max-body-bytes";
    static final String COMPARE_BODY_BYTES = "shadow.compare-body-bytes";
    static final String SAMPLES_PER_FIELD = "shadow.samples-per-field";
    static final String MAX_SAMPLES = "shadow.max-samples";
    static final String NOISE_RELATIVE = "shadow.noise-relative";
    static final String NOISE_ABSOLUTE = "shadow.noise-absolute";
    static final List<String> KEYS = List.of(LISTEN, HOST, ADMIN_PORT, STABLE, EXPERIMENTAL, SECONDARY, RULES, DATA,
            SECRET_HEADERS, STABLE_TIMEOUT, EXPERIMENTAL_TIMEOUT, MIRROR_CAPACITY, MAX_BODY_BYTES, COMPARE_BODY_BYTES,
            SAMPLES_PER_FIELD, MAX_SAMPLES, NOISE_RELATIVE, NOISE_ABSOLUTE);

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_LISTEN = 9000;
    static final int DEFAULT_ADMIN_PORT = 9001;

    private ShadowSettings() {
    }

    /** The configuration the settings describe; fails with one line naming the key for anything missing or wrong. */
    static ShadowConfig config(Settings s) {
        SortedSet<String> unknown = s.keys("shadow.");
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw FlightpathException.invalid("unknown key %s in %s (Shadow's keys: %s)", unknown.first(), s.origin(),
                    String.join(", ", KEYS));
        }
        Settings.Listen listen = listen(s);
        URI stable = url(s, STABLE, "--stable");
        URI experimental = url(s, EXPERIMENTAL, "--experimental");
        ShadowConfig d = ShadowConfig.builder(stable, experimental).build(); // the defaults of what the keys leave out
        ShadowConfig.Builder b = ShadowConfig.builder(stable, experimental)
                .host(listen.host())
                .listenPort(listen.port())
                .adminPort(s.integer(ADMIN_PORT, DEFAULT_ADMIN_PORT, 0, 65535))
                .dataDir(Path.of(s.string(DATA, Path.of(s.string("home", ".flightpath"), "shadow").toString())));
        if (s.find(SECONDARY).isPresent()) {
            b.secondary(url(s, SECONDARY, "--secondary"));
        }
        Optional<String> rules = s.find(RULES);
        if (rules.isPresent()) {
            Path file = Path.of(rules.get());
            if (!Files.isRegularFile(file)) {
                throw FlightpathException.invalid("%s: the rules file %s does not exist", RULES, file);
            }
            b.rules(file);
        }
        s.find(SECRET_HEADERS).ifPresent(v -> b.secretHeaders(headers(v)));
        b.stableTimeout(positive(s, STABLE_TIMEOUT, s.duration(STABLE_TIMEOUT, d.stableTimeout())));
        b.experimentalTimeout(positive(s, EXPERIMENTAL_TIMEOUT, s.duration(EXPERIMENTAL_TIMEOUT, d.experimentalTimeout())));
        b.mirrorCapacity(s.integer(MIRROR_CAPACITY, d.mirrorCapacity(), 1, 1_000_000));
        int maxBody = s.integer(MAX_BODY_BYTES, d.maxBodyBytes(), 1, Integer.MAX_VALUE - 8);
        b.maxBodyBytes(maxBody);
        b.compareBodyBytes(s.integer(COMPARE_BODY_BYTES, Math.min(d.compareBodyBytes(), maxBody), 1, maxBody));
        int perField = s.integer(SAMPLES_PER_FIELD, d.samplesPerField(), 1, 1000);
        b.samplesPerField(perField);
        b.maxSamples(s.integer(MAX_SAMPLES, Math.max(d.maxSamples(), perField), perField, 1_000_000));
        b.noiseRelative(s.fraction(NOISE_RELATIVE, d.noiseRelative()));
        b.noiseAbsolute(s.fraction(NOISE_ABSOLUTE, d.noiseAbsolute()));
        return b.build();
    }

    /** {@code shadow.listen}: PORT, or HOST:PORT; a host there must agree with {@code shadow.host}. */
    private static Settings.Listen listen(Settings s) {
        Optional<String> host = s.find(HOST);
        String v = s.string(LISTEN, Integer.toString(DEFAULT_LISTEN));
        int colon = v.lastIndexOf(':');
        String h = colon < 0 ? host.orElse(DEFAULT_HOST) : v.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535 || h.isBlank()) {
            throw FlightpathException.invalid("%s must be PORT or HOST:PORT (port 0 to 65535), was '%s'", LISTEN, v);
        }
        if (colon >= 0 && host.isPresent() && !host.get().equals(h)) {
            throw FlightpathException.invalid("%s says host %s but %s says %s: give the host in one of them", LISTEN, h,
                    HOST, host.get());
        }
        return new Settings.Listen(h, port);
    }

    private static URI url(Settings s, String key, String option) {
        if (s.find(key).isEmpty()) {
            String where = s.origin().equals("defaults") ? "a --config file" : s.origin();
            throw FlightpathException.invalid("%s must be set (in %s, as %s or with %s)", key, where, Settings.variable(key), option);
        }
        URI uri = s.url(key);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw FlightpathException.invalid("%s must be an http(s) URL without a query, was '%s'", key, uri);
        }
        return uri;
    }

    private static java.time.Duration positive(Settings s, String key, java.time.Duration d) {
        if (!d.isPositive()) {
            throw FlightpathException.invalid("%s must be longer than 0, was '%s'", key, s.string(key, ""));
        }
        return d;
    }

    private static Set<String> headers(String list) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::strip).filter(n -> !n.isEmpty()).forEach(names::add);
        for (String n : names) {
            if (!n.chars().allMatch(c -> c > ' ' && c < 0x7f && ":()<>@,;\\\"/[]?={}".indexOf(c) < 0)) {
                throw FlightpathException.invalid("%s must be header names separated by commas, was '%s'", SECRET_HEADERS, list);
            }
        }
        return names;
    }
}
