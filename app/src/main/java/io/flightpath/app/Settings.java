package io.flightpath.app;

import io.flightpath.core.FlightpathException;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Configuration from one properties file with environment overrides: the variable
 * FLIGHTPATH_INFLIGHT_LISTEN overrides the key {@code inflight.listen}. Values are read with
 * typed getters whose errors name the key and the value. Immutable.
 */
final class Settings {
    private final Map<String, String> values;
    private final String origin;

    private Settings(Map<String, String> values, String origin) {
        this.values = Map.copyOf(values);
        this.origin = origin;
    }

    static Settings load(Path file, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        String origin = "defaults";
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw FlightpathException.invalid("config file %s does not exist", file);
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw FlightpathException.invalid("cannot read config file %s: %s", file, e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).trim()));
            origin = file.toString();
        }
        env.forEach((k, v) -> {
            if (k.startsWith("FLIGHTPATH_") && !v.isEmpty()) {
                values.put(k.substring("FLIGHTPATH_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), v);
            }
        });
        return new Settings(values, origin);
    }

    static Settings of(Map<String, String> values) {
        return new Settings(values, "defaults");
    }

    Settings with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Settings(copy, origin);
    }

    Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    String string(String key, String absent) {
        return find(key).orElse(absent);
    }

    String required(String key) {
        return find(key).orElseThrow(() -> FlightpathException.invalid(
                "%s must be set (in %s, or as FLIGHTPATH_%s)", key, origin, key.toUpperCase(java.util.Locale.ROOT).replace('.', '_')));
    }

    int integer(String key, int absent, int min, int max) {
        Optional<String> v = find(key);
        if (v.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw FlightpathException.invalid("%s must be a whole number from %d to %d, was '%s'", key, min, max, v.get());
        }
    }

    /** A duration such as 500ms, 30s, 5m, 24h. */
    Duration duration(String key, Duration absent) {
        return find(key).map(v -> parseDuration(key, v)).orElse(absent);
    }

    static Duration parseDuration(String name, String value) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value);
        if (!m.matches()) {
            throw FlightpathException.invalid("%s must be a duration such as 500ms, 30s, 5m or 24h, was '%s'", name, value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** host:port where a server listens. */
    Listen listen(String key, String absent) {
        String v = string(key, absent);
        int colon = v.lastIndexOf(':');
        try {
            int port = Integer.parseInt(v.substring(colon + 1));
            if (colon < 1 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Listen(v.substring(0, colon), port);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw FlightpathException.invalid("%s must be HOST:PORT, was '%s'", key, v);
        }
    }

    URI url(String key) {
        String v = required(key);
        try {
            URI uri = URI.create(v);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw FlightpathException.invalid("%s must be an http(s) URL, was '%s'", key, v);
        }
    }

    record Listen(String host, int port) {
    }
}
