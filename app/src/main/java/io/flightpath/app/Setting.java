package io.flightpath.app;

import io.flightpath.core.FlightpathException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting as {@link Keys} declares it: key, type, how a value is parsed and checked (errors name
 * the key and the value), default, and the one line of documentation the README's configuration
 * table repeats. Immutable.
 */
final class Setting<T> {
    /** Turns a value into a T, or throws a {@link FlightpathException} naming the key and the value. */
    interface Parser<T> {
        T parse(String key, String value);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final String key;
    private final String type;
    private final Parser<T> parser;
    private final T fallback;
    private final String defaultText;
    private final String doc;

    /** {@code fallback} is null when the setting has no value unless one is given; {@code defaultText} says what happens then. */
    Setting(String key, String type, Parser<T> parser, T fallback, String defaultText, String doc) {
        this.key = key;
        this.type = type;
        this.parser = parser;
        this.fallback = fallback;
        this.defaultText = defaultText;
        this.doc = doc;
    }

    String key() {
        return key;
    }

    /** What the key starts with up to its first dot: the group it belongs to. */
    String prefix() {
        return prefix(key);
    }

    static String prefix(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** The environment variable that overrides the key: dots and dashes become underscores. */
    String variable() {
        return variable(key);
    }

    static String variable(String key) {
        return "FLIGHTPATH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    T parse(String value) {
        return parser.parse(key, value);
    }

    /** The README's default column: the default as a value, or what happens without one. */
    String defaultText() {
        return defaultText;
    }

    Optional<T> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** The README's row for this setting: key, meaning, type, default. */
    String row() {
        return "| `" + key + "` | " + doc + " | " + type + " | " + defaultText + " |";
    }

    static Setting<String> text(String key, String fallback, String doc) {
        return new Setting<>(key, "text", (k, v) -> v, fallback, fallback == null ? "—" : fallback.isEmpty() ? "empty" : fallback, doc);
    }

    static Setting<Integer> integer(String key, int fallback, int min, int max, String doc) {
        return new Setting<>(key, "whole number " + min + "–" + max, (k, v) -> bounded(k, v, min, max), fallback,
                Integer.toString(fallback), doc);
    }

    /** A whole number from {@code min} to {@code max}; the message names {@code key} and the value. */
    static int bounded(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw FlightpathException.invalid("%s must be a whole number from %d to %d, was '%s'", key, min, max, value);
    }

    /** A number from 0 (included) to 1 (excluded), such as 0.2. */
    static Setting<Double> fraction(String key, double fallback, String doc) {
        return new Setting<>(key, "number from 0 up to 1", (k, v) -> {
            try {
                double d = Double.parseDouble(v);
                if (d >= 0 && d < 1) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // the message below says what was expected
            }
            throw FlightpathException.invalid("%s must be a number from 0 up to (not including) 1, was '%s'", k, v);
        }, fallback, java.math.BigDecimal.valueOf(fallback).stripTrailingZeros().toPlainString(), doc);
    }

    /** A duration such as 500ms, 30s, 5m or 24h; 0 allowed. */
    static Setting<Duration> duration(String key, Duration fallback, String doc) {
        return new Setting<>(key, "duration", Setting::parseDuration, fallback, format(fallback), doc);
    }

    /** A duration longer than 0. */
    static Setting<Duration> positiveDuration(String key, Duration fallback, String doc) {
        return new Setting<>(key, "duration > 0", (k, v) -> {
            Duration d = parseDuration(k, v);
            if (!d.isPositive()) {
                throw FlightpathException.invalid("%s must be longer than 0, was '%s'", k, v);
            }
            return d;
        }, fallback, format(fallback), doc);
    }

    static Duration parseDuration(String name, String value) {
        Matcher m = DURATION.matcher(value);
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

    /** A duration as the settings write it, in the largest unit that divides it: 200ms, 30s, 24h. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** HOST:PORT where a server listens. */
    static Setting<Listen> listen(String key, String fallback, String doc) {
        return new Setting<>(key, "HOST:PORT", Listen::parse, Listen.parse(key, fallback), fallback, doc);
    }

    /** An http(s) URL with a host; no default: required where it is read. */
    static Setting<URI> url(String key, String doc) {
        return new Setting<>(key, "http(s) URL", Setting::parseUrl, null, "—", doc);
    }

    static URI parseUrl(String key, String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // the message below says what was expected
        }
        throw FlightpathException.invalid("%s must be an http(s) URL, was '%s'", key, value);
    }

    /** The same setting with another text in the README's default column, for a default worked out at start. */
    Setting<T> describedDefault(String text) {
        return new Setting<>(key, type, parser, fallback, text, doc);
    }

    @Override
    public String toString() {
        return key;
    }
}
