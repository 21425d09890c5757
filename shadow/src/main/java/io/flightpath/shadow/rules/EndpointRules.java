package io.flightpath.shadow.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * How the responses of one endpoint are compared: fields to ignore, fields compared by type only,
 * arrays compared as sets, numeric tolerances, the headers that count, and which state-changing
 * methods may be mirrored to the experimental side. Immutable.
 */
public final class EndpointRules {
    /** Compared when no rule names headers: the one header that changes how a body is read. */
    static final List<String> DEFAULT_HEADERS = List.of("content-type");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final List<PathPattern> ignored;
    private final List<PathPattern> typed;
    private final List<PathPattern> unordered;
    private final Map<PathPattern, Double> tolerances;
    private final List<String> headers;
    private final Set<String> mirrored;

    EndpointRules(List<PathPattern> ignored, List<PathPattern> typed, List<PathPattern> unordered,
                  Map<PathPattern, Double> tolerances, List<String> headers, Set<String> mirrored) {
        this.ignored = List.copyOf(ignored);
        this.typed = List.copyOf(typed);
        this.unordered = List.copyOf(unordered);
        this.tolerances = Map.copyOf(tolerances);
        this.headers = headers.stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct().toList();
        this.mirrored = Set.copyOf(mirrored);
    }

    /** Compares everything except that only Content-Type counts among headers; mirrors safe methods only. */
    public static EndpointRules strict() {
        return new EndpointRules(List.of(), List.of(), List.of(), Map.of(), DEFAULT_HEADERS, Set.of());
    }

    /** True when differences at {@code field} or under it are noise by rule. */
    public boolean ignores(String field) {
        return ignored.stream().anyMatch(p -> p.covers(field));
    }

    /** True when {@code field} is compared by type and shape only (a SID is a SID of the same kind). */
    public boolean comparesByType(String field) {
        return typed.stream().anyMatch(p -> p.matches(field));
    }

    /** True when the array at {@code field} is compared as a set: its order does not matter. */
    public boolean unordered(String field) {
        return unordered.stream().anyMatch(p -> p.matches(field));
    }

    /** The absolute difference allowed between numbers at {@code field}, if any. */
    public OptionalDouble tolerance(String field) {
        return tolerances.entrySet().stream().filter(e -> e.getKey().matches(field))
                .mapToDouble(Map.Entry::getValue).max();
    }

    /** Lower-case names of the headers compared. */
    public List<String> headers() {
        return headers;
    }

    /** True when a request with this method may go to the experimental side: safe methods always, others by rule. */
    public boolean mirrors(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return SAFE_METHODS.contains(m) || mirrored.contains(m);
    }
}
