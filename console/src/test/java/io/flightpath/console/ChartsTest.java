package io.flightpath.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.console.Views.Segment;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static final List<String> SHARDS = List.of("shard0", "shard1", "shard2");

    @Test
    void aMapIsABarAcrossTheKeyspaceWithFrozenRangesAndIsolatedKeysMarked() {
        ShardMap map = ShardMap.initial("shard0")
                .assign(KeyRange.parse("8000000000000000-ffffffffffffffff"), "shard1", true)
                .assign(KeyRange.of(0x4000000000000000L), "shard2", false);
        List<Segment> segments = Charts.keyspace("write", map, SHARDS, Map.of()).segments();

        assertThat(segments).extracting(Segment::shard).containsExactly("shard0", "shard2", "shard0", "shard1");
        assertThat(segments.getFirst().x()).isZero();
        assertThat(segments.getFirst().width()).isEqualTo(250.0);
        Segment isolated = segments.get(1);
        assertThat(isolated.width()).as("a range of one key is still visible").isEqualTo(Charts.MIN_SEGMENT);
        assertThat(isolated.label()).isEqualTo("isolated 4000000000000000");
        Segment upper = segments.get(3);
        assertThat(upper.x()).isEqualTo(500.0);
        assertThat(upper.width()).isEqualTo(500.0);
        assertThat(upper.frozen()).isTrue();
        assertThat(upper.color()).isEqualTo(Charts.PALETTE.get(1)).isNotEqualTo(segments.getFirst().color());
    }

    @Test
    void anIsolatedKeyIsLabelledWithTheAccountASplitIsolatedThere() {
        String account = "AC" + "0123456789abcdef".repeat(2);
        ShardMap map = ShardMap.initial("shard0").assign(KeyRange.of(0x4000000000000000L), "shard1", false);
        List<Segment> segments = Charts.keyspace("write", map, SHARDS, Map.of(0x4000000000000000L, account)).segments();
        assertThat(segments).extracting(Segment::label).containsExactly(null, "isolated " + account, null);
        assertThat(segments.get(1).labelEnds()).as("a label in the left half reads from its range on").isFalse();
        assertThat(segments.get(1).labelX()).isEqualTo(250.0);

        ShardMap high = ShardMap.initial("shard0").assign(KeyRange.of(0xf000000000000000L), "shard1", false);
        Segment right = Charts.keyspace("write", high, SHARDS, Map.of(0xf000000000000000L, account)).segments().get(1);
        assertThat(right.labelEnds()).as("a label in the right half ends at its range, inside the bar").isTrue();
        assertThat(right.labelX()).isEqualTo(right.x() + Charts.MIN_SEGMENT);
    }

    @Test
    void barsAreScaledToTheLargestValueAndLinesSkipMissingSamples() {
        var chart = Charts.pairedBars(List.of("2026-12-01", "2026-12-02"), List.of(new long[] {10, 5}, new long[] {0, 20}), List.of("calls", "messages"));
        assertThat(chart.bars()).hasSize(4);
        assertThat(chart.max()).isEqualTo("20");
        assertThat(chart.bars().get(3).height()).isEqualTo(Charts.HEIGHT - 20.0);
        assertThat(chart.bars().get(2).height()).isZero();

        java.util.ArrayList<Double> line = new java.util.ArrayList<>(java.util.Arrays.asList(1.0, null, 2.0));
        var lines = Charts.lines("rate", "/s", List.of("api"), List.of(line), "", "");
        assertThat(lines.lines().getFirst().points().split(" ")).hasSize(2);
        assertThat(lines.lines().getFirst().last()).isEqualTo("2.00 /s");
    }
}
