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
 * FLIGHTPATH_INFLIGHT_LISTEN overrides the key {@code inflight.listen}, and
 * FLIGHTPATH_SHADOW_ADMIN_PORT the key {@code shadow.admin-port} (dots and dashes become
 * underscores). Values set with {@link #with} override both. Values are read with typed getters
 * whose errors name the key and the value. Immutable.
 */
final class Settings {
    private final Map<String, String> values;
    private final Map<String, String> env;
    private final String origin;

    private Settings(Map<String, String> values, Map<String, String> env, String origin) {
        this.values = Map.copyOf(values);
        this.env = Map.copyOf(env);
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
        Map<String, String> flightpath = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("FLIGHTPATH_") && !v.isEmpty()) {
                flightpath.put(k, v);
            }
        });
        return new Settings(values, flightpath, origin);
    }

    static Settings of(Map<String, String> values) {
        return new Settings(values, Map.of(), "defaults");
    }

    /** The same settings with {@code key} set to {@code value}, over the file and the environment. */
    Settings with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        Map<String, String> rest = new LinkedHashMap<>(env);
        rest.remove(variable(key));
        return new Settings(copy, rest, origin);
    }

    /** The environment variable that overrides {@code key}. */
    static String variable(String key) {
        return "FLIGHTPATH_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Where the values come from: the config file's name, or "defaults". */
    String origin() {
        return origin;
    }

    /** The keys the file (or {@link #with}) sets that start with {@code prefix}. */
    java.util.SortedSet<String> keys(String prefix) {
        return values.keySet().stream().filter(k -> k.startsWith(prefix))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    Optional<String> find(String key) {
        String v = env.get(variable(key));
        return Optional.ofNullable(v != null ? v : values.get(key)).filter(x -> !x.isBlank());
    }

    String string(String key, String absent) {
        return find(key).orElse(absent);
    }

    String required(String key) {
        return find(key).orElseThrow(() -> FlightpathException.invalid(
                "%s must be set (in %s, or as %s)", key, origin, variable(key)));
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

    /** A number from 0 (included) to 1 (excluded), such as 0.2. */
    double fraction(String key, double absent) {
        Optional<String> v = find(key);
        if (v.isEmpty()) {
            return absent;
        }
        try {
            double d = Double.parseDouble(v.get());
            if (!(d >= 0 && d < 1)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw FlightpathException.invalid("%s must be a number from 0 up to (not including) 1, was '%s'", key, v.get());
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
