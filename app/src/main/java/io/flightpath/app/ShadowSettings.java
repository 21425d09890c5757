package io.flightpath.app;

import io.flightpath.core.FlightpathException;
import io.flightpath.shadow.ShadowConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Shadow's settings: the {@code shadow.*} keys {@link Keys} declares (FLIGHTPATH_SHADOW_* variables
 * override them, and command-line options override both) turned into a {@link ShadowConfig}. Every
 * mistake, an unknown {@code shadow.*} key included, fails with one message naming the key and the value.
 */
final class ShadowSettings {
    private ShadowSettings() {
    }

    /** The configuration the settings describe; fails with one line naming the key for anything missing or wrong. */
    static ShadowConfig config(Settings s) {
        s.refuseUnknown(Keys.SHADOW_PREFIXES);
        Listen listen = listen(s);
        ShadowConfig.Builder b = ShadowConfig.builder(side(s, Keys.SHADOW_STABLE, "--stable"), side(s, Keys.SHADOW_EXPERIMENTAL, "--experimental"))
                .host(listen.host())
                .listenPort(listen.port())
                .adminPort(s.get(Keys.SHADOW_ADMIN_PORT))
                .dataDir(s.find(Keys.SHADOW_DATA).orElse(s.home().resolve("shadow")));
        s.find(Keys.SHADOW_SECONDARY).ifPresent(b::secondary);
        s.find(Keys.SHADOW_RULES).ifPresent(b::rules);
        b.secretHeaders(s.get(Keys.SHADOW_SECRET_HEADERS));
        b.stableTimeout(s.get(Keys.SHADOW_STABLE_TIMEOUT));
        b.experimentalTimeout(s.get(Keys.SHADOW_EXPERIMENTAL_TIMEOUT));
        b.mirrorCapacity(s.get(Keys.SHADOW_MIRROR_CAPACITY));
        int maxBody = s.get(Keys.SHADOW_MAX_BODY_BYTES);
        b.maxBodyBytes(maxBody);
        b.compareBodyBytes(atLeast(s, Keys.SHADOW_COMPARE_BODY_BYTES, 1, maxBody)
                .orElse(Math.min(Keys.SHADOW_COMPARE_BODY_BYTES.fallback().orElseThrow(), maxBody)));
        int perField = s.get(Keys.SHADOW_SAMPLES_PER_FIELD);
        b.samplesPerField(perField);
        b.maxSamples(atLeast(s, Keys.SHADOW_MAX_SAMPLES, perField, 1_000_000)
                .orElse(Math.max(Keys.SHADOW_MAX_SAMPLES.fallback().orElseThrow(), perField)));
        b.noiseRelative(s.get(Keys.SHADOW_NOISE_RELATIVE));
        b.noiseAbsolute(s.get(Keys.SHADOW_NOISE_ABSOLUTE));
        return b.build();
    }

    /** A given whole number checked against bounds that other settings set. */
    private static Optional<Integer> atLeast(Settings s, Setting<Integer> key, int min, int max) {
        return s.find(key).map(n -> Setting.bounded(key.key(), Integer.toString(n), min, max));
    }

    /** {@code shadow.listen}: PORT, or HOST:PORT; a host there must agree with {@code shadow.host}. */
    private static Listen listen(Settings s) {
        Listen listen = s.get(Keys.SHADOW_LISTEN);
        Optional<String> host = s.find(Keys.SHADOW_HOST);
        if (listen.host() == null) {
            return new Listen(s.get(Keys.SHADOW_HOST), listen.port());
        }
        if (host.isPresent() && !host.get().equals(listen.host())) {
            throw FlightpathException.invalid("%s says host %s but %s says %s: give the host in one of them", Keys.SHADOW_LISTEN.key(),
                    listen.host(), Keys.SHADOW_HOST.key(), host.get());
        }
        return listen;
    }

    /** PORT (host null: {@code shadow.host} gives it) or HOST:PORT. */
    static Listen listenPart(String key, String v) {
        int colon = v.lastIndexOf(':');
        String h = colon < 0 ? null : v.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535 || h != null && h.isBlank()) {
            throw FlightpathException.invalid("%s must be PORT or HOST:PORT (port 0 to 65535), was '%s'", key, v);
        }
        return new Listen(h, port);
    }

    private static URI side(Settings s, Setting<URI> key, String option) {
        return s.find(key).orElseThrow(() -> FlightpathException.invalid("%s must be set (in %s, as %s or with %s)", key.key(),
                s.origin().equals("defaults") ? "a --config file" : s.origin(), key.variable(), option));
    }

    /** An http(s) URL without a query or fragment. */
    static URI sideUrl(String key, String value) {
        URI uri = Setting.parseUrl(key, value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw FlightpathException.invalid("%s must be an http(s) URL without a query, was '%s'", key, uri);
        }
        return uri;
    }

    static Path rulesFile(String key, String value) {
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw FlightpathException.invalid("%s: the rules file %s does not exist", key, file);
        }
        return file;
    }

    static Set<String> headers(String key, String list) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::strip).filter(n -> !n.isEmpty()).forEach(names::add);
        for (String n : names) {
            if (!n.chars().allMatch(c -> c > ' ' && c < 0x7f && ":()<>@,;\\\"/[]?={}".indexOf(c) < 0)) {
                throw FlightpathException.invalid("%s must be header names separated by commas, was '%s'", key, list);
            }
        }
        return names;
    }
}
