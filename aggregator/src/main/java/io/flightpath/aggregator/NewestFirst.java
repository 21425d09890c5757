package io.flightpath.aggregator;

import io.flightpath.core.Call;
import io.flightpath.core.Cursor;
import io.flightpath.core.Message;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One newest-first, keyset-paged listing made of two: the aggregator's merge rule, for any two
 * stores that each list their records below the same cursor. A record listed by both appears once,
 * as the second store's copy. Stateless.
 *
 * @param <T> the record listed
 */
public final class NewestFirst<T> {
    public static final NewestFirst<Call> CALLS = new NewestFirst<>(c -> c.sid().value(), Cursor::of);
    public static final NewestFirst<Message> MESSAGES = new NewestFirst<>(m -> m.sid().value(), Cursor::of);

    private final Function<T, String> sid;
    private final Function<T, Cursor> key;

    /** {@code sid} names a record across both stores; {@code key} is its place in the listing. */
    public NewestFirst(Function<T, String> sid, Function<T, Cursor> key) {
        this.sid = sid;
        this.key = key;
    }

    /**
     * The page below {@code page}'s cursor, reading {@code first} before {@code second}: a caller
     * whose records move only from the first store to the second sees a moving record once or
     * twice, never not at all.
     */
    public Page<T> page(PageRequest page, Function<PageRequest, Page<T>> first, Function<PageRequest, Page<T>> second) {
        // one more than the page from each side tells whether a next page exists
        PageRequest probe = new PageRequest(page.size() + 1, page.after());
        List<T> firstItems = first.apply(probe).items();
        List<T> secondItems = second.apply(probe).items();
        return merge(firstItems, secondItems, page.size());
    }

    /**
     * Merges two newest-first lists, each holding the top of its side below the same cursor. Each
     * list has distinct SIDs, so the merged list is at least as long as either: when it has no
     * more than {@code size}, both sides are exhausted.
     */
    Page<T> merge(List<T> first, List<T> second, int size) {
        Map<String, T> bySid = new LinkedHashMap<>();
        first.forEach(r -> bySid.put(sid.apply(r), r));
        second.forEach(r -> bySid.put(sid.apply(r), r)); // the second store's copy replaces the first's
        Comparator<T> newestFirst = Comparator.<T, Instant>comparing(r -> key.apply(r).dateCreated())
                .thenComparing(r -> key.apply(r).sid())
                .reversed();
        List<T> merged = new ArrayList<>(bySid.values());
        merged.sort(newestFirst);
        if (merged.size() <= size) {
            return new Page<>(merged, null);
        }
        List<T> page = merged.subList(0, size);
        return new Page<>(page, key.apply(page.get(size - 1)));
    }
}
