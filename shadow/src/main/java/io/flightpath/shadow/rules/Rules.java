package io.flightpath.shadow.rules;

import java.util.List;

/**
 * Every endpoint's comparison rules: the first declared template that matches a path wins; other
 * paths get a derived template and the default rules. Immutable and thread-safe.
 */
public final class Rules {
    private final EndpointRules defaults;
    private final List<Declared> endpoints;

    record Declared(PathTemplate template, EndpointRules rules) {
    }

    Rules(EndpointRules defaults, List<Declared> endpoints) {
        this.defaults = defaults;
        this.endpoints = List.copyOf(endpoints);
    }

    /** No rules file: every difference counts, only Content-Type among headers, safe methods mirrored. */
    public static Rules none() {
        return new Rules(EndpointRules.strict(), List.of());
    }

    /** The endpoint a request belongs to. {@code path} has no query string. */
    public Route route(String method, String path) {
        for (Declared d : endpoints) {
            if (d.template().matches(path)) {
                return new Route(method, d.template().text(), d.rules());
            }
        }
        return new Route(method, PathTemplate.derive(path), defaults);
    }
}
