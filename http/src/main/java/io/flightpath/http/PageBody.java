package io.flightpath.http;

import io.flightpath.core.Cursor;
import io.flightpath.core.Page;
import java.util.List;

/** A page on the wire: the items and the token of the next page, null on the last. */
public record PageBody<T>(List<T> items, String next) {
    public static <T> PageBody<T> of(Page<T> page) {
        return new PageBody<>(page.items(), page.next() == null ? null : page.next().token());
    }

    public Page<T> toPage() {
        return new Page<>(items, next == null ? null : Cursor.parse(next));
    }
}
