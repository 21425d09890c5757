package io.flightpath.split.replication;

import io.flightpath.core.sharding.KeyRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.ServerSpec;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SnapshotCopyIT extends ShardPairTests {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCopyIT.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @Override
    ShardPair open() {
        return ShardPair.fresh();
    }

    @Test
    void rowsWrittenDuringAndAfterTheCopyReachTheTargetOnceThroughReplication() throws Exception {
        ShardRows.insert(source, 1, 30_000);
        CopyResult copy;
        long inserted;
        try (Traffic traffic = new Traffic(source, 1_000_000, 30_000)) {
            // small pages so that the copy takes many snapshot reads while traffic commits
            copy = new SnapshotCopy(source, target, 500, 2).copy(p -> { });
            replication.start(copy.position());
            traffic.awaitMore(200);
            traffic.close();
            inserted = traffic.inserted();
        }

        assertThat(replication.waitFor(replication.sourcePosition(), CATCH_UP)).isTrue();
        assertThat(ShardRows.count(target, "calls")).isEqualTo(30_000 + inserted);
        assertThat(ShardRows.count(target, "messages")).isEqualTo(30_000);
        assertThat(RangeChecksum.inside(target, KeyRange.FULL)).isEqualTo(RangeChecksum.inside(source, KeyRange.FULL));
        assertThat(copy.position().isEmpty()).isFalse();
        assertThat(replication.caughtUp()).isTrue();
    }

    @Test
    void aPacedCopyThatKeepsItsIndexesEndsWithTheSameRowsAndTheSameSchema() {
        ShardRows.insert(source, 1, 3_000);
        AtomicInteger pauses = new AtomicInteger();

        CopyResult copy = new SnapshotCopy(source, target, 400, 1, () -> {
            pauses.incrementAndGet();
            return Duration.ofMillis(1);
        }, false).copy(p -> { });

        assertThat(copy.rows()).isGreaterThanOrEqualTo(6_000);
        assertThat(pauses.get()).as("a pause after every page of 400 rows").isGreaterThanOrEqualTo(6_000 / 400);
        assertThat(RangeChecksum.inside(target, KeyRange.FULL)).isEqualTo(RangeChecksum.inside(source, KeyRange.FULL));
        for (String table : source.keyedTables().names()) {
            assertThat(createTable(target, table)).isEqualTo(createTable(source, table));
        }
    }

    private static String createTable(ShardServer shard, String table) {
        return shard.onDatabase("reading a table definition", c -> {
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + table)) {
                rs.next();
                return rs.getString(2);
            }
        });
    }

    @Test
    void aShardAddedToTheClusterBecomesAReplicaThatCatchesUp() {
        ServerSpec added = SharedCluster.cluster().addShard(SharedCluster.SHARDS);
        ShardServer fresh = ShardRows.on(added, source.database());
        Replication link = new Replication(source, fresh);
        try {
            ShardRows.insert(source, 1, 2_000);
            link.start(new SnapshotCopy(source, fresh).copy(p -> { }).position());
            ShardRows.insertCall(source, 9_000_001);

            assertThat(link.waitFor(link.sourcePosition(), CATCH_UP)).isTrue();
            assertThat(RangeChecksum.inside(fresh, KeyRange.FULL)).isEqualTo(RangeChecksum.inside(source, KeyRange.FULL));
            assertThat(SharedCluster.cluster().addShard(SharedCluster.SHARDS)).isEqualTo(added);
        } finally {
            link.cut();
            ShardRows.drop(fresh);
        }
    }

    @Test
    void theCopyCarriesTheSchemaAndMigrationHistoryButStaysOutOfTheTargetBinlog() {
        ShardRows.insert(source, 1, 10);
        String binlogBefore = binlogPosition(target);

        new SnapshotCopy(source, target).copy(p -> { });

        assertThat(ShardRows.count(target, "flyway_records_history")).isEqualTo(ShardRows.count(source, "flyway_records_history"));
        assertThat(ShardRows.count(target, "calls")).isEqualTo(10);
        assertThat(binlogPosition(target)).isEqualTo(binlogBefore);
    }

    @Test
    void aSecondCopyReplacesWhatAnInterruptedOneLeft() {
        ShardRows.insert(source, 1, 1_000);
        target.execute("leaving a partial copy", "SET SESSION sql_log_bin = 0",
                "CREATE DATABASE `" + target.database() + "`",
                "CREATE TABLE `" + target.database() + "`.calls (id INT PRIMARY KEY)",
                "INSERT INTO `" + target.database() + "`.calls VALUES (1), (2)",
                "CREATE TABLE `" + target.database() + "`.leftover (id INT PRIMARY KEY)");

        new SnapshotCopy(source, target).copy(p -> { });

        assertThat(RangeChecksum.inside(target, KeyRange.FULL)).isEqualTo(RangeChecksum.inside(source, KeyRange.FULL));
        assertThat(tables(target)).doesNotContain("leftover");
    }

    @Test
    void aTargetThatReplicatesIsRefused() {
        replication.start(replication.sourcePosition());

        assertThatThrownBy(() -> new SnapshotCopy(source, target).copy(p -> { }))
                .isInstanceOf(FlightpathException.class)
                .hasMessageContaining("shard1")
                .hasMessageContaining("cut replication before copying")
                .extracting(e -> ((FlightpathException) e).code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
    }

    @Test
    void progressGrowsToTheRowsCopiedAndNeverPassesTheEstimate() {
        long rows = Long.getLong("flightpath.copy.rows", 100_000);
        ShardRows.insert(source, 1, rows / 2);
        List<CopyProgress> seen = new ArrayList<>();

        CopyResult result = new SnapshotCopy(source, target).copy(seen::add);

        long copied = result.rows();
        LOG.info("copied {} rows in {} ms: {} rows/s", copied, result.elapsed().toMillis(), Math.round(result.rowsPerSecond()));
        assertThat(copied).isGreaterThanOrEqualTo(rows);
        assertThat(seen).isNotEmpty();
        assertThat(seen).extracting(CopyProgress::rowsCopied).isSorted();
        assertThat(seen.get(seen.size() - 1).rowsCopied()).isEqualTo(copied);
        assertThat(seen).allSatisfy(p -> assertThat(p.rowsCopied()).isLessThanOrEqualTo(p.rowsEstimated()));
    }

    private static String binlogPosition(ShardServer server) {
        return server.onServer("reading", c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT @@gtid_binlog_pos")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    private static List<String> tables(ShardServer server) {
        return server.onDatabase("listing tables", c -> {
            List<String> names = new ArrayList<>();
            try (var s = c.createStatement(); var rs = s.executeQuery("SHOW TABLES")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }
}
