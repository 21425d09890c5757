package io.flightpath.shadow.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightpath.core.FlightpathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rules file (JSON): {@code defaults} and {@code endpoints} keyed by path template, each
 * with {@code ignore}, {@code typed}, {@code unordered}, {@code tolerance}, {@code headers} and
 * {@code mirror}. An endpoint's rules add to the defaults. Any mistake fails with one message
 * naming the file, the key and the value.
 */
public final class RulesFile {
    private static final Set<String> KEYS = Set.of("ignore", "typed", "unordered", "tolerance", "headers", "mirror");
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RulesFile() {
    }

    public static Rules load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw FlightpathException.invalid("cannot read the rules file %s: %s", file, e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw FlightpathException.invalid("rules file %s: %s", file, e.getMessage());
        }
    }

    /** Parses rules text; a mistake is an {@link IllegalArgumentException} naming the key and value. */
    public static Rules parse(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the top level must be an object with 'defaults' and 'endpoints'");
        }
        onlyKeys(root, Set.of("defaults", "endpoints"), "the top level");
        RuleSet defaults = RuleSet.read(root.path("defaults"), "defaults");
        List<Rules.Declared> endpoints = new ArrayList<>();
        JsonNode declared = root.path("endpoints");
        if (!declared.isMissingNode() && !declared.isObject()) {
            throw new IllegalArgumentException("'endpoints' must be an object keyed by path template, was " + declared);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = declared.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "endpoints." + e.getKey();
            PathTemplate template = PathTemplate.declared(e.getKey());
            endpoints.add(new Rules.Declared(template, defaults.plus(RuleSet.read(e.getValue(), where)).rules()));
        }
        return new Rules(defaults.rules(), endpoints);
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        for (String key : (Iterable<String>) node::fieldNames) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + " has an unknown key '" + key + "'; known: " + allowed.stream().sorted().toList());
            }
        }
    }

    /** The rules of one section as written, before defaults are added. */
    private record RuleSet(List<PathPattern> ignore, List<PathPattern> typed, List<PathPattern> unordered,
                           Map<PathPattern, Double> tolerance, List<String> headers, Set<String> mirror) {

        static RuleSet read(JsonNode node, String where) {
            if (node.isMissingNode()) {
                return new RuleSet(List.of(), List.of(), List.of(), Map.of(), List.of(), Set.of());
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(where + " must be an object, was " + node);
            }
            onlyKeys(node, KEYS, where);
            Map<PathPattern, Double> tolerance = new LinkedHashMap<>();
            JsonNode t = node.path("tolerance");
            if (!t.isMissingNode() && !t.isObject()) {
                throw new IllegalArgumentException(where + ".tolerance must be an object of field: number, was " + t);
            }
            for (Map.Entry<String, JsonNode> e : t.properties()) {
                if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                    throw new IllegalArgumentException(where + ".tolerance." + e.getKey() + " must be a number >= 0, was " + e.getValue());
                }
                tolerance.put(pattern(e.getKey(), where + ".tolerance"), e.getValue().asDouble());
            }
            Set<String> mirror = new HashSet<>();
            for (String method : strings(node, "mirror", where)) {
                String m = method.toUpperCase(Locale.ROOT);
                if (!MUTATING.contains(m)) {
                    throw new IllegalArgumentException(where + ".mirror lists state-changing methods " + MUTATING.stream().sorted().toList()
                            + " (safe ones are always mirrored), was '" + method + "'");
                }
                mirror.add(m);
            }
            return new RuleSet(patterns(node, "ignore", where), patterns(node, "typed", where),
                    patterns(node, "unordered", where), tolerance, strings(node, "headers", where), mirror);
        }

        private static List<PathPattern> patterns(JsonNode node, String key, String where) {
            return strings(node, key, where).stream().map(s -> pattern(s, where + "." + key)).toList();
        }

        private static PathPattern pattern(String text, String where) {
            try {
                return PathPattern.of(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }

        private static List<String> strings(JsonNode node, String key, String where) {
            JsonNode list = node.path(key);
            if (list.isMissingNode()) {
                return List.of();
            }
            if (list.isArray()) {
                List<String> out = new ArrayList<>();
                list.forEach(item -> out.add(item.isTextual() ? item.asText() : null));
                if (!out.contains(null)) {
                    return out;
                }
            }
            throw new IllegalArgumentException(where + "." + key + " must be an array of strings, was " + node.path(key));
        }

        RuleSet plus(RuleSet more) {
            Map<PathPattern, Double> tol = new LinkedHashMap<>(tolerance);
            tol.putAll(more.tolerance);
            Set<String> m = new HashSet<>(mirror);
            m.addAll(more.mirror);
            return new RuleSet(concat(ignore, more.ignore), concat(typed, more.typed), concat(unordered, more.unordered),
                    tol, concat(headers, more.headers), m);
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }

        EndpointRules rules() {
            List<String> h = new ArrayList<>(EndpointRules.DEFAULT_HEADERS);
            h.addAll(headers);
            return new EndpointRules(ignore, typed, unordered, tolerance, h, mirror);
        }
    }
}
