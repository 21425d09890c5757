package io.flightpath.core;

/** Which page of a newest-first listing to read: at most {@code size} records below {@code after} (null: from the top). */
public record PageRequest(int size, Cursor after) {
    /** Internal bound; the public API allows at most 1000 per page and asks the stores for one more. */
    public static final int MAX_SIZE = 5000;

    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw FlightpathException.invalid("page size must be 1..%d, was %d", MAX_SIZE, size);
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, null);
    }
}
