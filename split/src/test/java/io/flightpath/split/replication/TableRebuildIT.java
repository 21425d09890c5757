package io.flightpath.split.replication;

import io.flightpath.store.Throttle;
import io.flightpath.core.sharding.KeyRange;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedCluster.class)
class TableRebuildIT {
    /** About one sixteenth of the keys. */
    private static final KeyRange KEPT = new KeyRange(0, 0x0fffffffffffffffL);

    ShardServer shard;

    @BeforeEach
    void setUp() {
        shard = ShardRows.freshShard("shard0");
        ShardRows.insert(shard, 1, 40_000);
    }

    @AfterEach
    void tearDown() {
        ShardRows.drop(shard);
    }

    @Test
    void rebuildingAfterDeletingMostRowsShrinksTheTableFileAndKeepsTheRows() {
        new RangeDeletion(shard, 1_000, Throttle.NONE).deleteOutside(KEPT, p -> { });
        Checksums kept = RangeChecksum.inside(shard, KEPT);
        TableRebuild rebuild = new TableRebuild(shard, Duration.ofSeconds(10));

        TableRebuild.Rebuilt messages = rebuild.rebuild("messages");
        TableRebuild.Rebuilt calls = rebuild.rebuild("calls");

        assertThat(messages.smaller()).as("%s", messages).isTrue();
        assertThat(calls.smaller()).as("%s", calls).isTrue();
        assertThat(messages.after().fileBytes()).isLessThan(messages.before().fileBytes() / 2);
        assertThat(RangeChecksum.inside(shard, KEPT)).isEqualTo(kept);
        assertThat(ShardRows.count(shard, "messages")).isEqualTo(kept.tables().get(1).rows());
    }

    @Test
    void theSizeOfATableCountsItsFile() {
        TableSize size = TableSize.of(shard, "calls");

        assertThat(size.fileBytes()).isPositive();
        assertThat(size.usedBytes()).isPositive();
    }
}
