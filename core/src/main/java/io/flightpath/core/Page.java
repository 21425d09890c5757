package io.flightpath.core;

import java.util.List;

/** One page of a newest-first listing; {@code next} is null on the last page. */
public record Page<T>(List<T> items, Cursor next) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return next != null;
    }
}
