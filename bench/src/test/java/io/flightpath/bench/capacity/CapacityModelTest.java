package io.flightpath.bench.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flightpath.bench.capacity.CapacityPlan.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityModelTest {
    /** Round figures, so that every expected value below can be worked out by hand. */
    static final CapacityFigures FIGURES = new CapacityFigures("test", "today", 0.5,
            new CapacityFigures.Shard(10_000, 20_000, 2_000, 1_000, 1e12),
            new CapacityFigures.Split(10_000, 5_000, 100_000), new CapacityFigures.Inflight(1_000), Map.of());
    static final Duration YEAR = Duration.ofDays(365);

    final CapacityModel model = new CapacityModel(FIGURES);

    @Test
    void eachResourceIsTheLoadOverHalfItsMeasuredRateAndTheLargestBinds() {
        // 1,000 records/s: writes 1,000 / 5,000; reads 1,000 / 10,000 + 100 / 1,000; kept 1,000 x 1 year x 1 KB over 1 TB
        CapacityPlan p = model.plan(new Workload(600, 400, 1, 0.1, YEAR, 10));
        assertThat(p.byWrites()).isCloseTo(0.2, within(1e-9));
        assertThat(p.byReads()).isCloseTo(0.2, within(1e-9));
        assertThat(p.byStorage()).isCloseTo(1_000.0 * 31_536_000 * 1_000 / 1e12, within(1e-9));
        assertThat(p.shards()).isEqualTo(32);
        assertThat(p.binds()).isEqualTo(Resource.STORAGE);
        assertThat(p.inflightStores()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aShortRetentionLeavesTheWritesToBind() {
        CapacityPlan p = model.plan(new Workload(30_000, 20_000, 0, 0, Duration.ofDays(1), 1));
        assertThat(p.byWrites()).isCloseTo(10.0, within(1e-9));
        assertThat(p.shards()).isEqualTo(10);
        assertThat(p.binds()).isEqualTo(Resource.WRITES);
    }

    @Test
    void oneSplitCopiesDeletesAndRebuildsTheShardsRows() {
        // 1,000,000 rows: copy 100 s, delete 200 s, rebuild 10 s
        assertThat(model.splitTime(1_000_000)).isEqualTo(Duration.ofSeconds(310));
    }

    @Test
    void theNextSplitIsDueWhenTheGrowingLoadFillsTheShardsLessOneSplit() {
        // by writes only: 0.2 shards today, 10x a year fills 2 shards in exactly one year
        Workload load = new Workload(1_000, 0, 0, 0, Duration.ofSeconds(1), 10);
        Duration due = model.nextSplitDue(load, 2).orElseThrow();
        Duration split = model.plan(load.times(10)).splitOfOneShard();
        assertThat(due.toSeconds()).isCloseTo((long) (365.25 * 86_400) - split.toSeconds(), within(2L));
        assertThat(model.nextSplitDue(load, 0 + 1).orElseThrow()).isLessThan(due);
        assertThat(model.nextSplitDue(load.times(20), 2)).contains(Duration.ZERO);
        assertThat(model.nextSplitDue(new Workload(1_000, 0, 0, 0, Duration.ofSeconds(1), 1), 2)).isEmpty();
    }

    @Test
    void aFiguresFileWithAFigureOutOfRangeIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("figures.json");
        Files.writeString(file, """
                {"machine":"m","measured":"d","utilisation":0.5,
                 "shard":{"insertsPerSecond":0,"pointReadsPerSecond":1,"pagesPerSecond":1,"bytesPerRecord":1,"storageBytes":1},
                 "split":{"copyRowsPerSecond":1,"deleteRowsPerSecond":1,"rebuildRowsPerSecond":1},
                 "inflight":{"lifecyclesPerSecond":1}}""");
        assertThatThrownBy(() -> CapacityFigures.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard.insertsPerSecond must be a positive number");
        Files.writeString(file, "{\"machine\": ");
        assertThatThrownBy(() -> CapacityFigures.read(file)).hasMessageStartingWith("cannot read the figures in " + file);
        assertThatThrownBy(() -> CapacityFigures.read(dir.resolve("none.json"))).hasMessage("no figures file at " + dir.resolve("none.json"));
    }

    @Test
    void theProjectsFiguresFileReads() {
        CapacityFigures figures = CapacityFigures.read(Path.of("..", "docs", "capacity", "figures.json"));
        assertThat(figures.sources()).containsKeys("shard.insertsPerSecond", "shard.bytesPerRecord", "split.copyRowsPerSecond",
                "inflight.lifecyclesPerSecond");
    }
}
