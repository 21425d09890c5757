package io.flightpath.core.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.ShardMap.Entry;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShardMapTest {

    @Test
    void theInitialMapSendsEveryKeyToOneShard() {
        ShardMap map = ShardMap.initial("shard0");

        assertThat(map.lookup(0L).shard()).isEqualTo("shard0");
        assertThat(map.lookup(-1L).shard()).isEqualTo("shard0");
        assertThat(map.lookup(Long.MIN_VALUE).shard()).isEqualTo("shard0");
    }

    @Test
    void movingTheUpperHalfSplitsAtTheMiddleOfTheUnsignedKeyspace() {
        ShardMap map = ShardMap.initial("shard0").assign(KeyRange.FULL.upperHalf(), "shard1", false);

        assertThat(map.version()).isEqualTo(2);
        assertThat(map.entries()).extracting(e -> e.range().toString())
                .containsExactly("0000000000000000-7fffffffffffffff", "8000000000000000-ffffffffffffffff");
        assertThat(map.lookup(0x7fffffffffffffffL).shard()).isEqualTo("shard0");
        assertThat(map.lookup(0x8000000000000000L).shard()).isEqualTo("shard1");
    }

    @Test
    void aRangeOfOneKeyIsolatesOneAccountAndMergesBackWhenReturned() {
        long key = 0x1234L;
        ShardMap isolated = ShardMap.initial("shard0").assign(KeyRange.of(key), "shard9", false);

        assertThat(isolated.entries()).hasSize(3);
        assertThat(isolated.lookup(key).shard()).isEqualTo("shard9");
        assertThat(isolated.lookup(key - 1).shard()).isEqualTo("shard0");
        assertThat(isolated.lookup(key + 1).shard()).isEqualTo("shard0");

        ShardMap back = isolated.assign(KeyRange.of(key), "shard0", false);
        assertThat(back.entries()).containsExactly(new Entry(KeyRange.FULL, "shard0", false));
    }

    @Test
    void evenMapsCoverTheKeyspaceInOrder() {
        ShardMap map = ShardMap.even(List.of("a", "b", "c", "d"));

        assertThat(map.entries()).extracting(Entry::shard).containsExactly("a", "b", "c", "d");
        assertThat(map.lookup(0L).shard()).isEqualTo("a");
        assertThat(map.lookup(-1L).shard()).isEqualTo("d");
    }

    @Test
    void mapsThatLeaveGapsOrOverlapAreRefused() {
        assertThatThrownBy(() -> new ShardMap(1, List.of(new Entry(new KeyRange(0, 10), "a", false))))
                .isInstanceOf(FlightpathException.class).hasMessageContaining("ffffffffffffffff");
        assertThatThrownBy(() -> new ShardMap(1, List.of(new Entry(new KeyRange(0, 10), "a", false),
                new Entry(new KeyRange(12, -1L), "b", false)))).hasMessageContaining("contiguous");
        assertThatThrownBy(() -> new ShardMap(1, List.of(new Entry(new KeyRange(0, 10), "a", false),
                new Entry(new KeyRange(5, -1L), "b", false)))).hasMessageContaining("contiguous");
        assertThatThrownBy(() -> KeyRange.parse("ff-10")).hasMessageContaining("above its end");
        assertThatThrownBy(() -> KeyRange.parse("nope")).hasMessageContaining("START-END");
    }

    /** Random reassignments keep the map consistent with a plain model of "who owns each probe key". */
    @Test
    void lookupsAgreeWithAModelAfterManyRandomAssignments() {
        Random random = new Random(7);
        long[] probes = new long[2000];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = i < 10 ? new long[] {0L, -1L, 1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE, 5, 6, 7, 8}[i] : random.nextLong();
        }
        String[] owner = new String[probes.length];
        java.util.Arrays.fill(owner, "s0");
        ShardMap map = ShardMap.initial("s0");
        for (int round = 0; round < 300; round++) {
            long a = random.nextInt(4) == 0 ? probes[random.nextInt(probes.length)] : random.nextLong();
            long b = random.nextInt(3) == 0 ? a : random.nextLong();
            KeyRange range = Long.compareUnsigned(a, b) <= 0 ? new KeyRange(a, b) : new KeyRange(b, a);
            String shard = "s" + random.nextInt(5);
            map = map.assign(range, shard, false);
            for (int i = 0; i < probes.length; i++) {
                if (range.contains(probes[i])) {
                    owner[i] = shard;
                }
            }
            for (int i = 0; i < probes.length; i++) {
                assertThat(map.lookup(probes[i]).shard()).as("round %d probe %d", round, i).isEqualTo(owner[i]);
            }
        }
        assertThat(map.version()).isEqualTo(301);
    }
}
