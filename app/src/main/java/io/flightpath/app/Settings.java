package io.flightpath.app;

import io.flightpath.core.FlightpathException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The values of the settings {@link Keys} declares, from one properties file with environment
 * overrides: FLIGHTPATH_INFLIGHT_LISTEN overrides {@code inflight.listen}, FLIGHTPATH_SHADOW_ADMIN_PORT
 * {@code shadow.admin-port}. Values set with {@link #with} override both. Read only through a
 * declaration, so every value is typed and checked, and every error names the key and the value. Immutable.
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

    /** The same settings with the declared {@code key} set to {@code value}, over the file and the environment. */
    Settings with(String key, String value) {
        Setting<?> setting = Keys.all().stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting " + key + " is declared"));
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        Map<String, String> rest = new LinkedHashMap<>(env);
        rest.remove(setting.variable());
        return new Settings(copy, rest, origin);
    }

    /** Where the values come from: the config file's name, or "defaults". */
    String origin() {
        return origin;
    }

    /** The cluster folder: FLIGHTPATH_HOME, or {@code .flightpath} as the cluster commands default to. */
    Path home() {
        return Path.of(env.getOrDefault("FLIGHTPATH_HOME", ".flightpath"));
    }

    /**
     * Refuses, naming the first and the nearest declared key, a key that is not declared and either
     * has one of {@code prefixes} (the caller's own) or a prefix no declared key has (nobody's), and a
     * FLIGHTPATH_* variable of one of {@code prefixes} that overrides no declared key. Keys of other
     * services' prefixes are theirs to check.
     */
    Settings refuseUnknown(Set<String> prefixes) {
        Set<String> declared = new TreeSet<>();
        Set<String> known = new TreeSet<>();
        Keys.all().forEach(s -> {
            declared.add(s.key());
            known.add(s.prefix());
        });
        SortedSet<String> unknown = new TreeSet<>();
        for (String key : values.keySet()) {
            String prefix = Setting.prefix(key);
            if (!declared.contains(key) && (prefixes.contains(prefix) || !known.contains(prefix))) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            String key = unknown.first();
            throw FlightpathException.invalid("unknown key %s in %s (did you mean %s?)", key, origin, nearest(key, declared));
        }
        // a variable's prefix is the word after FLIGHTPATH_; the cluster commands' own variables are no settings
        Set<String> variables = new TreeSet<>();
        Keys.all().forEach(k -> variables.add(k.variable()));
        for (String variable : new TreeSet<>(env.keySet())) {
            String word = variable.substring("FLIGHTPATH_".length()).split("_", 2)[0].toLowerCase(Locale.ROOT);
            if (prefixes.contains(word) && !variables.contains(variable) && !Keys.OTHER_VARIABLES.contains(variable)) {
                throw FlightpathException.invalid("unknown variable %s (did you mean %s?)", variable, nearest(variable, variables));
            }
        }
        return this;
    }

    private static String nearest(String name, Set<String> declared) {
        return declared.stream().min(Comparator.comparingInt(d -> distance(name, d))).orElseThrow();
    }

    /** The value, or the setting's default; one line naming the key when there is neither. */
    <T> T get(Setting<T> setting) {
        return find(setting).or(setting::fallback).orElseThrow(() -> FlightpathException.invalid(
                "%s must be set (in %s, or as %s)", setting.key(), origin, setting.variable()));
    }

    /** The value when one is given (its variable first, then the file), never the default. */
    <T> Optional<T> find(Setting<T> setting) {
        String v = env.get(setting.variable());
        return Optional.ofNullable(v != null ? v : values.get(setting.key())).filter(x -> !x.isBlank()).map(setting::parse);
    }

    /** Levenshtein's edit distance: the fewest inserted, deleted or replaced characters that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
