package io.flightpath.shadow.diff;

import java.util.List;

/** The result of comparing two responses: differences that count, and differences the rules declare noise. */
public record Comparison(List<Difference> differences, List<Difference> ruled) {

    public Comparison {
        differences = List.copyOf(differences);
        ruled = List.copyOf(ruled);
    }

    public boolean identical() {
        return differences.isEmpty() && ruled.isEmpty();
    }
}
