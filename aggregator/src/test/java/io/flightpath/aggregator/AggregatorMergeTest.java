package io.flightpath.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.core.Cursor;
import io.flightpath.core.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The merge rule on plain values: newest first, one copy per SID, post-flight copy preferred. */
class AggregatorMergeTest {

    record Rec(String sid, Instant created, String side) {
        Cursor key() {
            return new Cursor(created, sid);
        }
    }

    static final Instant T = Instant.parse("2025-06-01T00:00:00Z");

    static Rec rec(int n, int second, String side) {
        return new Rec(String.format("CA%032d", n), T.plusSeconds(second), side);
    }

    static Page<Rec> merge(List<Rec> flying, List<Rec> landed, int size) {
        return new NewestFirst<>(Rec::sid, Rec::key).merge(flying, landed, size);
    }

    @Test
    void aRecordSeenOnBothSidesIsListedOnceAsItsPostFlightCopy() {
        Page<Rec> page = merge(List.of(rec(1, 10, "in"), rec(2, 5, "in")), List.of(rec(2, 5, "post")), 10);

        assertThat(page.items()).extracting(Rec::side).containsExactly("in", "post");
        assertThat(page.items()).extracting(Rec::sid).doesNotHaveDuplicates();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void newestFirstWithTheSidBreakingTies() {
        Page<Rec> page = merge(List.of(rec(1, 5, "in"), rec(3, 9, "in")), List.of(rec(2, 5, "post")), 10);

        assertThat(page.items()).extracting(Rec::sid).containsExactly(rec(3, 0, "").sid(), rec(2, 0, "").sid(), rec(1, 0, "").sid());
    }

    @Test
    void aFullPageCarriesTheCursorOfItsLastRecord() {
        Page<Rec> page = merge(List.of(rec(1, 3, "in"), rec(2, 2, "in")), List.of(rec(3, 1, "post")), 2);

        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).isEqualTo(rec(2, 2, "in").key());
    }

    /**
     * Pages through random splits of one set of records between the two sides, with records
     * present on both sides, as the stores would answer (top size+1 below the cursor): every
     * record comes exactly once, in order.
     */
    @Test
    void pagingThroughBothSidesNeverMissesOrRepeatsARecord() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<Rec> all = new ArrayList<>();
            List<Rec> flying = new ArrayList<>();
            List<Rec> landed = new ArrayList<>();
            int count = random.nextInt(60);
            for (int i = 0; i < count; i++) {
                Rec r = rec(i, random.nextInt(20), "");
                all.add(r);
                int where = random.nextInt(3);
                if (where != 1) {
                    flying.add(r);
                }
                if (where != 0) {
                    landed.add(r);
                }
            }
            Comparator<Rec> newestFirst = Comparator.comparing(Rec::created).thenComparing(Rec::sid).reversed();
            all.sort(newestFirst);
            flying.sort(newestFirst);
            landed.sort(newestFirst);
            int size = 1 + random.nextInt(8);

            List<String> seen = new ArrayList<>();
            Cursor after = null;
            do {
                Page<Rec> page = merge(top(flying, after, size + 1), top(landed, after, size + 1), size);
                page.items().forEach(r -> seen.add(r.sid()));
                after = page.next();
            } while (after != null);

            assertThat(seen).as("round %d", round).containsExactlyElementsOf(all.stream().map(Rec::sid).toList());
            Set<String> distinct = new HashSet<>(seen);
            assertThat(distinct).hasSameSizeAs(seen);
        }
    }

    private static List<Rec> top(List<Rec> sorted, Cursor after, int n) {
        return sorted.stream().filter(r -> after == null || after.isAbove(r.created(), r.sid())).limit(n).toList();
    }
}
