package io.flightpath.shadow.diff;

/** How one shadowed request ended. */
public enum Outcome {
    /** Identical under the rules. */
    MATCH,
    /** Differences, all of them noise: declared by the rules, or seen between stable and secondary too. */
    NOISE,
    /** At least one difference that noise does not explain. */
    DIFFERENT,
    /** No comparison: the experimental side failed (timeout, connection, body too large). */
    ERROR
}
