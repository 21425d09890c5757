package io.flightpath.shadow.diff;

/**
 * One difference between two responses. {@code field} is the path without array indices (the
 * report's unit: {@code calls[].status}, {@code :status}, {@code :header.content-type},
 * {@code :body}); {@code path} is where it was ({@code calls[2].status}); the values are short
 * renderings, absent as null.
 */
public record Difference(String field, String path, Kind kind, String stable, String experimental) {

    /** What differs. */
    public enum Kind {
        /** Same type, other value. */
        VALUE,
        /** Other JSON type, or another kind of SID where only the type counts. */
        TYPE,
        /** Present on the stable side only. */
        MISSING,
        /** Present on the experimental side only. */
        EXTRA,
        /** The same elements in another order, in an array whose order counts. */
        ORDER
    }
}
