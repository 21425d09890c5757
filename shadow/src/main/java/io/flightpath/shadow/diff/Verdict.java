package io.flightpath.shadow.diff;

import java.util.List;
import java.util.Set;

/**
 * The judgement on one shadowed request: its outcome, the differences that count, the differences
 * that are noise, the fields where stable and secondary differed, and the error when there was one.
 */
public record Verdict(Outcome outcome, List<Difference> differences, List<Difference> noise,
                      Set<String> secondaryFields, String error) {

    public Verdict {
        differences = List.copyOf(differences);
        noise = List.copyOf(noise);
        secondaryFields = Set.copyOf(secondaryFields);
    }

    public static Verdict error(String message) {
        return new Verdict(Outcome.ERROR, List.of(), List.of(), Set.of(), message);
    }
}
