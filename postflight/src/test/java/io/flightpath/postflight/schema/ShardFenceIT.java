package io.flightpath.postflight.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fence on a real shard: a move waits for the writes under way, and does not wait forever for a stalled one. */
@ExtendWith(SharedCluster.class)
class ShardFenceIT {
    static final KeyRange UPPER = KeyRange.FULL.upperHalf();
    Database shard;

    @BeforeEach
    void open() {
        shard = Database.open("fence", TestDatabases.fresh("shard0", "fence"), ShardSchema.MIGRATIONS);
    }

    @AfterEach
    void close() {
        shard.close();
    }

    @Test
    void aMoveKillsAWriteStalledWithTheGuardAndLaterWritesOfTheRangeAreRefused() throws Exception {
        Connection stalled = shard.dataSource().getConnection();
        stalled.setAutoCommit(false);
        ShardFence.checkWrite(stalled, "shard0", List.of(-1L)); // a node stopped in the middle of this write

        try (Connection mover = shard.dataSource().getConnection()) {
            ShardFence.recordMove(mover, "shard0", UPPER, Instant.now(), Duration.ofSeconds(1));
            assertThat(ShardFence.moved(mover, "shard0")).containsExactly(UPPER);
        }

        assertThatThrownBy(stalled::commit).as("killed, so rolled back").isInstanceOf(SQLException.class);
        stalled.close();
        assertThatThrownBy(() -> shard.transaction(c -> {
            ShardFence.checkWrite(c, "shard0", List.of(-1L));
            return null;
        })).isInstanceOf(FlightpathException.class).hasMessageContaining("moved away from shard0");
        shard.transaction(c -> {
            ShardFence.checkWrite(c, "shard0", List.of(1L)); // a key the shard still owns
            return null;
        });
    }
}
