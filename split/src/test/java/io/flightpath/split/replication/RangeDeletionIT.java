package io.flightpath.split.replication;

import io.flightpath.store.Throttle;
import io.flightpath.core.sharding.KeyRange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeDeletionIT extends ShardPairTests {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final KeyRange MOVED = new KeyRange(0x4000000000000000L, 0xbfffffffffffffffL);

    @Override
    ShardPair open() {
        return ShardPair.replicating(6_000);
    }

    @Test
    void deletingInsideARangeLeavesExactlyTheOtherRangesAndDoesNotReachTheReplica() {
        Checksums outsideBefore = RangeChecksum.outside(source, MOVED);
        Checksums insideBefore = RangeChecksum.inside(source, MOVED);
        List<DeletionProgress> progress = new ArrayList<>();

        long deleted = new RangeDeletion(source, 250, Throttle.fixed(Duration.ofMillis(1))).deleteInside(MOVED, progress::add);

        assertThat(deleted).isEqualTo(insideBefore.rows()).isPositive();
        assertThat(RangeChecksum.inside(source, MOVED).rows()).isZero();
        assertThat(RangeChecksum.outside(source, MOVED)).isEqualTo(outsideBefore);
        assertThat(progress).extracting(DeletionProgress::deleted).contains(250L);
        // a write after the deletes: once the replica applied it, it has applied everything before it
        source.execute("marking", "CREATE TABLE `" + source.database() + "`.marker (id INT PRIMARY KEY)");
        assertThat(replication.waitFor(replication.sourcePosition(), TIMEOUT)).isTrue();
        assertThat(RangeChecksum.inside(target, MOVED)).isEqualTo(insideBefore);
        assertThat(replication.status().running()).isTrue();
    }

    @Test
    void deletingOutsideARangeLeavesExactlyThatRange() {
        replication.cut();
        Checksums insideBefore = RangeChecksum.inside(target, MOVED);

        long deleted = new RangeDeletion(target, 1_000, Throttle.NONE).deleteOutside(MOVED, p -> { });

        assertThat(deleted).isEqualTo(12_000 - insideBefore.rows());
        assertThat(RangeChecksum.inside(target, MOVED)).isEqualTo(insideBefore);
        assertThat(RangeChecksum.outside(target, MOVED).rows()).isZero();
        assertThat(ShardRows.count(target, "calls") + ShardRows.count(target, "messages")).isEqualTo(insideBefore.rows());
    }

    @Test
    void aRerunDeletesWhatIsLeftAndNothingElse() {
        replication.cut();
        RangeDeletion deletion = new RangeDeletion(source, 100, Throttle.NONE);
        deletion.deleteInside(MOVED, p -> { });
        Checksums after = RangeChecksum.outside(source, MOVED);

        assertThat(deletion.deleteInside(MOVED, p -> { })).isZero();
        assertThat(RangeChecksum.outside(source, MOVED)).isEqualTo(after);
    }

    @Test
    void theThrottleIsAskedAfterEveryBatch() {
        replication.cut();
        List<Integer> asked = new ArrayList<>();
        Throttle counting = () -> {
            asked.add(1);
            return Duration.ZERO;
        };
        long inRange = RangeChecksum.inside(source, MOVED).rows();

        new RangeDeletion(source, 500, Throttle.NONE.plus(counting)).deleteInside(MOVED, p -> { });

        // one batch per 500 rows or part of them, per table
        assertThat(asked.size()).isBetween((int) (inRange / 500), (int) (inRange / 500) + 2);
    }
}
