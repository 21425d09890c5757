package io.flightpath.postflight;

import io.flightpath.core.Call;
import io.flightpath.core.Message;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Newest-first order and page-by-page reading, as the post-flight contract defines them, for tests. */
public final class Listings {
    public static final Comparator<Call> CALLS_NEWEST_FIRST = Comparator.comparing(Call::dateCreated)
            .thenComparing(c -> c.sid().value()).reversed();
    public static final Comparator<Message> MESSAGES_NEWEST_FIRST = Comparator.comparing(Message::dateCreated)
            .thenComparing(m -> m.sid().value()).reversed();

    private Listings() {
    }

    /** Every page of a listing from the top, following each page's cursor until there is none (at most 100 pages). */
    public static <T> List<Page<T>> allPages(int size, Function<PageRequest, Page<T>> list) {
        List<Page<T>> pages = new ArrayList<>();
        Page<T> page = list.apply(PageRequest.first(size));
        pages.add(page);
        while (page.hasNext() && pages.size() < 100) {
            page = list.apply(new PageRequest(size, page.next()));
            pages.add(page);
        }
        return pages;
    }

    public static <T> List<T> items(List<Page<T>> pages) {
        return pages.stream().flatMap(p -> p.items().stream()).toList();
    }
}
