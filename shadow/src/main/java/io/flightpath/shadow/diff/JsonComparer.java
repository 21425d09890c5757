package io.flightpath.shadow.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flightpath.shadow.diff.Difference.Kind;
import io.flightpath.shadow.rules.EndpointRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/** Compares two JSON trees field by field under one endpoint's rules. Stateless per call; not shared between threads. */
final class JsonComparer {
    private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");
    private static final int SHOWN_CHARS = 200;
    /** Fields that name a list's elements, tried in this order. */
    private static final List<String> IDENTITIES = List.of("sid", "id");

    private final EndpointRules rules;
    private final List<Difference> differences = new ArrayList<>();
    private final List<Difference> ruled = new ArrayList<>();

    JsonComparer(EndpointRules rules) {
        this.rules = rules;
    }

    Comparison compare(JsonNode stable, JsonNode experimental) {
        node(stable, experimental, FieldPath.ROOT);
        return new Comparison(differences, ruled);
    }

    private void node(JsonNode a, JsonNode b, FieldPath at) {
        if (a != null && a.equals(b)) {
            return; // equal subtrees (the common case) hold no difference under any rule: nothing to walk
        }
        String field = at.field();
        if (rules.ignores(field)) {
            if (a == null || !a.equals(b)) {
                ruled.add(difference(at, a == null ? Kind.EXTRA : b == null ? Kind.MISSING : Kind.VALUE, a, b));
            }
            return;
        }
        if (a == null || b == null) {
            differences.add(difference(at, a == null ? Kind.EXTRA : Kind.MISSING, a, b));
        } else if (rules.comparesByType(field)) {
            if (!shape(a).equals(shape(b))) {
                differences.add(difference(at, Kind.TYPE, a, b));
            } else if (!a.equals(b)) {
                ruled.add(difference(at, Kind.VALUE, a, b));
            }
        } else if (a.getNodeType() != b.getNodeType()) {
            differences.add(difference(at, Kind.TYPE, a, b));
        } else if (a.isObject()) {
            object(a, b, at);
        } else if (a.isArray()) {
            array(a, b, at);
        } else if (a.isNumber() && !sameNumber(a, b, rules.tolerance(field))) {
            differences.add(difference(at, Kind.VALUE, a, b));
        } else if (!a.isNumber() && !a.equals(b)) {
            differences.add(difference(at, Kind.VALUE, a, b));
        }
    }

    private void object(JsonNode a, JsonNode b, FieldPath at) {
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            node(a.get(name), b.get(name), at.child(name));
        }
    }

    private void array(JsonNode a, JsonNode b, FieldPath at) {
        List<JsonNode> left = elements(a);
        List<JsonNode> right = elements(b);
        FieldPath element = at.element(0);
        if (pairedByIdentity(left, right, at)) {
            return;
        }
        if (rules.unordered(at.field())) {
            // sorting both sides by their canonical form pairs up equal elements, wherever they were
            left = sortedByCanonical(left, element.field());
            right = sortedByCanonical(right, element.field());
        } else if (left.size() == right.size() && sameElementsReordered(left, right, element.field())) {
            differences.add(new Difference(at.shownField(), at.shownPath(), Kind.ORDER,
                    shown(order(left, element.field())), shown(order(right, element.field()))));
            return;
        }
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            node(i < left.size() ? left.get(i) : null, i < right.size() ? right.get(i) : null, at.element(i));
        }
    }

    /**
     * Elements that name themselves (a {@code sid}, or {@code id}, value each, once per side, some
     * shared) are compared with their namesakes: a list both reordered and changed reads as one
     * order difference plus the changed fields, not as every field of every shifted element, and
     * one that gained or lost elements as those missing or extra plus the shared ones' changes.
     */
    private boolean pairedByIdentity(List<JsonNode> left, List<JsonNode> right, FieldPath at) {
        for (String name : IDENTITIES) {
            Map<JsonNode, JsonNode> l = byIdentity(left, name);
            Map<JsonNode, JsonNode> r = l == null ? null : byIdentity(right, name);
            if (r == null || l.keySet().stream().noneMatch(r::containsKey)) {
                continue;
            }
            // a page that gained or lost elements beside the shared ones (a record created between the
            // two reads pushes one off the end): the others are missing or extra, the shared ones compared
            List<JsonNode> onlyLeft = l.keySet().stream().filter(k -> !r.containsKey(k)).toList();
            List<JsonNode> onlyRight = r.keySet().stream().filter(k -> !l.containsKey(k)).toList();
            if (!onlyLeft.isEmpty()) {
                differences.add(new Difference(at.shownField(), at.shownPath(), Kind.MISSING, shown(keys(onlyLeft, name)), null));
            }
            if (!onlyRight.isEmpty()) {
                differences.add(new Difference(at.shownField(), at.shownPath(), Kind.EXTRA, null, shown(keys(onlyRight, name))));
            }
            List<JsonNode> leftKeys = l.keySet().stream().filter(r::containsKey).toList();
            List<JsonNode> rightKeys = r.keySet().stream().filter(l::containsKey).toList();
            if (!rules.unordered(at.field()) && !leftKeys.equals(rightKeys)) {
                differences.add(new Difference(at.shownField(), at.shownPath(), Kind.ORDER,
                        shown(keys(leftKeys, name)), shown(keys(rightKeys, name))));
            }
            for (int i = 0; i < leftKeys.size(); i++) {
                node(l.get(leftKeys.get(i)), r.get(leftKeys.get(i)), at.element(i));
            }
            return true;
        }
        return false;
    }

    /** The elements by their value of {@code name}, in order; null unless each is an object with its own scalar value there. */
    private static Map<JsonNode, JsonNode> byIdentity(List<JsonNode> elements, String name) {
        Map<JsonNode, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode e : elements) {
            JsonNode key = e.isObject() ? e.get(name) : null;
            if (key == null || !key.isValueNode() || key.isNull() || out.putIfAbsent(key, e) != null) {
                return null;
            }
        }
        return out;
    }

    /** The identities in their order, shown as {@code [{"sid":…},…]}. */
    private static JsonNode keys(List<JsonNode> keys, String name) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        keys.forEach(k -> out.addObject().set(name, k));
        return out;
    }

    /** The elements sorted by their canonical form, each form built once rather than at every comparison of the sort. */
    private List<JsonNode> sortedByCanonical(List<JsonNode> elements, String field) {
        record Keyed(String key, JsonNode node) {
        }
        return elements.stream().map(n -> new Keyed(canonical(n, field).toString(), n))
                .sorted(Comparator.comparing(Keyed::key)).map(Keyed::node).toList();
    }

    private boolean sameElementsReordered(List<JsonNode> left, List<JsonNode> right, String field) {
        List<JsonNode> l = left.stream().map(n -> canonical(n, field)).toList();
        List<JsonNode> r = right.stream().map(n -> canonical(n, field)).toList();
        if (l.equals(r)) {
            return false;
        }
        // the same elements, counted, in another order: compared as trees, neither printed nor sorted
        Map<JsonNode, Integer> counts = new HashMap<>();
        l.forEach(n -> counts.merge(n, 1, Integer::sum));
        for (JsonNode n : r) {
            Integer c = counts.get(n);
            if (c == null) {
                return false;
            }
            if (c == 1) {
                counts.remove(n);
            } else {
                counts.put(n, c - 1);
            }
        }
        return counts.isEmpty();
    }

    /** The elements as the rules see them, to show both orders side by side. */
    private JsonNode order(List<JsonNode> elements, String field) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        elements.forEach(n -> out.add(canonical(n, field)));
        return out;
    }

    /** The element as the rules see it: ignored fields gone, typed fields reduced to their shape. */
    private JsonNode canonical(JsonNode node, String field) {
        if (rules.comparesByType(field)) {
            return TextNode.valueOf(shape(node));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = field.isEmpty() ? e.getKey() : field + "." + e.getKey();
                if (!rules.ignores(child)) {
                    out.set(e.getKey(), canonical(e.getValue(), child));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(canonical(n, field + "[]")));
            return out;
        }
        return node;
    }

    /** A value's type, and for a SID its kind (the two-letter prefix): {@code CA...} and {@code SM...} differ. */
    static String shape(JsonNode n) {
        if (n.isTextual() && SID.matcher(n.asText()).matches()) {
            return "sid:" + n.asText().substring(0, 2);
        }
        return n.isNumber() ? "number" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static boolean sameNumber(JsonNode a, JsonNode b, OptionalDouble tolerance) {
        if (a.decimalValue().compareTo(b.decimalValue()) == 0) {
            return true;
        }
        return tolerance.isPresent() && Math.abs(a.doubleValue() - b.doubleValue()) <= tolerance.getAsDouble();
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    private static Difference difference(FieldPath at, Kind kind, JsonNode a, JsonNode b) {
        return new Difference(at.shownField(), at.shownPath(), kind, shown(a), shown(b));
    }

    static String shown(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…";
    }
}
