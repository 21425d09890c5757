package io.flightpath.split.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.FlightpathException;
import io.flightpath.postflight.schema.ShardSchema;
import io.flightpath.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedCluster.class)
class SequencesIT {
    ShardServer source;
    ShardServer target;
    Sequences sequences;

    @BeforeEach
    void setUp() {
        source = ShardRows.freshShard("shard0");
        target = ShardRows.freshShard("shard1");
        sequences = new Sequences(source, target);
    }

    @AfterEach
    void tearDown() {
        sequences.unsplit();
        ShardRows.drop(source);
        ShardRows.drop(target);
    }

    @Test
    void splitSequencesGiveOddIdsOnTheSourceAndEvenIdsOnTheTarget() {
        sequences.split();
        sequences.split();

        assertThat(ids(source, 1, 4)).allSatisfy(id -> assertThat(id % 2).isEqualTo(1));
        assertThat(ids(target, 101, 104)).allSatisfy(id -> assertThat(id % 2).isEqualTo(0));
        assertThat(Sequences.global(source)).isEqualTo(SequenceSettings.SOURCE);
        assertThat(Sequences.global(target)).isEqualTo(SequenceSettings.TARGET);
    }

    @Test
    void aPooledConnectionKeepsTheOldValuesUntilThePoolIsRecycled() throws SQLException {
        try (Database pool = Database.open("shard0", source.config().withPoolSize(2), ShardSchema.MIGRATIONS)) {
            HikariDataSource hikari = (HikariDataSource) pool.dataSource();
            try (Connection old = hikari.getConnection()) {
                sequences.split();

                assertThatThrownBy(() -> Sequences.verify(old, SequenceSettings.SOURCE))
                        .isInstanceOf(FlightpathException.class)
                        .hasMessageContaining("increment 1 offset 1, expected 2 and 1");
                hikari.getHikariPoolMXBean().softEvictConnections();
            }
            try (Connection recycled = hikari.getConnection()) {
                Sequences.verify(recycled, SequenceSettings.SOURCE);
            }
        }
    }

    @Test
    void unsplitGoesBackToOneByOne() {
        sequences.split();

        sequences.unsplit();
        sequences.unsplit();

        assertThat(Sequences.global(source)).isEqualTo(SequenceSettings.SINGLE);
        assertThat(Sequences.global(target)).isEqualTo(SequenceSettings.SINGLE);
    }

    private static List<Long> ids(ShardServer shard, long first, long last) {
        ShardRows.insert(shard, first, last);
        return shard.onDatabase("reading ids", c -> {
            List<Long> ids = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM calls")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }
}
