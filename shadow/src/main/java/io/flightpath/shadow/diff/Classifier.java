package io.flightpath.shadow.diff;

import io.flightpath.shadow.rules.EndpointRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells real differences from noise for one request: a difference is noise when the rules declare
 * it, or when the secondary (a second stable instance) differs from stable at the same field.
 * Thread-safe.
 */
public final class Classifier {
    private final ResponseComparer comparer;

    public Classifier(ResponseComparer comparer) {
        this.comparer = comparer;
    }

    public Verdict classify(Response stable, Response experimental, Optional<Response> secondary, EndpointRules rules) {
        Comparison raw = comparer.compare(stable, experimental, rules);
        Set<String> noisy = secondary
                .map(s -> comparer.compare(stable, s, rules).differences().stream()
                        .map(Difference::field).collect(Collectors.toSet()))
                .orElse(Set.of());
        List<Difference> counted = new ArrayList<>();
        List<Difference> noise = new ArrayList<>(raw.ruled());
        for (Difference d : raw.differences()) {
            (noisy.contains(d.field()) ? noise : counted).add(d);
        }
        Outcome outcome = !counted.isEmpty() ? Outcome.DIFFERENT : noise.isEmpty() ? Outcome.MATCH : Outcome.NOISE;
        return new Verdict(outcome, counted, noise, noisy, null);
    }
}
