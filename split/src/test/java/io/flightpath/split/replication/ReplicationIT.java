package io.flightpath.split.replication;

import io.flightpath.core.sharding.KeyRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplicationIT extends ShardPairTests {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final KeyRange LOWER_HALF = new KeyRange(0, Long.MAX_VALUE);
    private static final KeyRange TOP_QUARTER = new KeyRange(0xc000000000000000L, -1L);

    @Override
    ShardPair open() {
        return ShardPair.replicating(5_000);
    }

    @Test
    void checksumsAgreeAtOneGtidPositionWhileWritesContinue() throws Exception {
        try (Traffic traffic = new Traffic(source, 1_000_000, 5_000)) {
            traffic.awaitMore(100);
            PositionedChecksums lower = RangeChecksum.atSamePosition(replication, LOWER_HALF, TIMEOUT);
            traffic.awaitMore(100);
            PositionedChecksums top = RangeChecksum.atSamePosition(replication, TOP_QUARTER, TIMEOUT);

            assertThat(lower.match()).as("%s", lower).isTrue();
            assertThat(top.match()).as("%s", top).isTrue();
            assertThat(top.position().reached(lower.position())).isTrue();
            assertThat(lower.source().rows()).isPositive();
            assertThat(replication.status().running()).isTrue();
        }
    }

    @Test
    void stopAtLeavesTheReplicaAtExactlyThePositionAndResumeCatchesUp() {
        replication.stop();
        GtidPosition position = replication.sourcePosition();
        ShardRows.insertCall(source, 9_000_001);

        replication.stopAt(position, TIMEOUT);
        replication.stopAt(position, TIMEOUT);

        assertThat(replication.status().applied().reached(position)).isTrue();
        assertThat(replication.status().applied().passed(position)).isFalse();
        assertThat(replication.status().sqlRunning()).isFalse();
        replication.resume();
        assertThat(replication.waitFor(replication.sourcePosition(), TIMEOUT)).isTrue();
        assertThat(ShardRows.count(target, "calls")).isEqualTo(5_001);
    }

    @Test
    void startAgainKeepsTheRunningLinkAndItsPosition() {
        ShardRows.insertCall(source, 9_000_001);
        assertThat(replication.waitFor(replication.sourcePosition(), TIMEOUT)).isTrue();

        replication.start(GtidPosition.EMPTY);

        ShardRows.insertCall(source, 9_000_002);
        assertThat(replication.waitFor(replication.sourcePosition(), TIMEOUT)).isTrue();
        assertThat(ShardRows.count(target, "calls")).isEqualTo(5_002);
        assertThat(replication.lagSeconds()).isPresent();
    }

    @Test
    void inIdempotentModeARowWrittenThroughBothShardsDoesNotStopReplication() {
        replication.setIdempotent(true);
        ShardRows.insertCall(target, 9_000_001);
        // as under split sequences, the row written through the target has an id of its own
        target.execute("moving the id", "UPDATE `" + target.database() + "`.calls SET id = 777777 WHERE id = 5001");

        ShardRows.insertCall(source, 9_000_001);
        ShardRows.insertCall(source, 9_000_002);

        assertThat(replication.idempotent()).isTrue();
        assertThat(replication.waitFor(replication.sourcePosition(), TIMEOUT)).isTrue();
        assertThat(replication.status().running()).isTrue();
        assertThat(ShardRows.count(target, "calls")).isEqualTo(5_002);
        assertThat(RangeChecksum.inside(target, KeyRange.FULL)).isEqualTo(RangeChecksum.inside(source, KeyRange.FULL));
    }

    @Test
    void inStrictModeADuplicateRowStopsReplicationWithTheMariaDbError() {
        ShardRows.insertCall(target, 9_000_001);

        ShardRows.insertCall(source, 9_000_001);

        assertThatThrownBy(() -> replication.waitFor(replication.sourcePosition(), TIMEOUT))
                .isInstanceOf(BrokenReplication.class)
                .hasMessageContaining("replication of shard1 from shard0")
                .hasMessageContaining("SQL thread error 1062")
                .hasMessageContaining("Duplicate entry");
        assertThat(replication.status().broken()).isTrue();
        assertThatThrownBy(() -> replication.lagSeconds()).isInstanceOf(BrokenReplication.class);
    }

    @Test
    void cutForgetsTheLinkAndIsIdempotent() {
        replication.cut();
        replication.cut();

        assertThat(replication.status().configured()).isFalse();
        assertThat(replication.status().applied().isEmpty()).isFalse();
    }
}
