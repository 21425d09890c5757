package io.flightpath.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.store.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedCluster.class)
class SplitRegistryIT {
    Database db;
    MariaDbSplitRegistry splits;

    @BeforeEach
    void open() {
        db = Database.open("control", TestDatabases.fresh("control", "splits"), List.of(MariaDbAccountStore.MIGRATIONS));
        splits = new MariaDbSplitRegistry(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    static void assertCode(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOf(FlightpathException.class)
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(code));
    }

    @Test
    void aSecondSplitOfTheSameSourceIsRefusedUntilTheFirstEnds() {
        SplitRecord first = splits.create("shard0", "shard1", KeyRange.FULL.upperHalf());

        assertCode(() -> splits.create("shard0", "shard2", KeyRange.of(5)), ErrorCode.CONFLICT);
        splits.create("shard3", "shard4", KeyRange.of(5));

        splits.claim(first.id(), "me", Duration.ofSeconds(30));
        splits.advance(first.id(), "me", Step.DONE, State.DONE, Map.of(), null);
        assertThat(splits.create("shard0", "shard2", KeyRange.of(5)).source()).isEqualTo("shard0");
    }

    @Test
    void onlyTheOwnerAdvancesAndAStaleClaimCanBeTakenOver() {
        SplitRecord split = splits.create("shard0", "shard1", KeyRange.FULL.upperHalf());
        splits.claim(split.id(), "runner-1", Duration.ofMinutes(1));

        assertCode(() -> splits.claim(split.id(), "runner-2", Duration.ofMinutes(1)), ErrorCode.CONFLICT);
        assertCode(() -> splits.advance(split.id(), "runner-2", Step.WAIT_FOR_CATCH_UP, State.RUNNING, Map.of(), null), ErrorCode.CONFLICT);

        SplitRecord advanced = splits.advance(split.id(), "runner-1", Step.WAIT_FOR_CATCH_UP, State.RUNNING, Map.of("snapshot.gtid", "10-10-5"), null);
        assertThat(advanced.step()).isEqualTo(Step.WAIT_FOR_CATCH_UP);
        assertThat(advanced.outputs()).containsEntry("snapshot.gtid", "10-10-5");

        SplitRecord takenOver = splits.claim(split.id(), "runner-2", Duration.ZERO);
        assertThat(takenOver.owner()).isEqualTo("runner-2");
        assertThat(takenOver.outputs()).containsEntry("snapshot.gtid", "10-10-5");
        assertThat(takenOver.range()).isEqualTo(KeyRange.FULL.upperHalf());
    }

    @Test
    void aFinishedSplitCannotBeClaimed() {
        SplitRecord split = splits.create("shard0", "shard1", KeyRange.FULL.upperHalf());
        splits.claim(split.id(), "me", Duration.ofSeconds(30));
        splits.advance(split.id(), "me", Step.MOVE_READS, State.ABORTED, Map.of(), "aborted by the operator");

        assertCode(() -> splits.claim(split.id(), "me", Duration.ofSeconds(30)), ErrorCode.FAILED_PRECONDITION);
        assertThat(splits.find(split.id())).hasValueSatisfying(s -> assertThat(s.lastError()).contains("operator"));
    }

    @Test
    void aSplitNewlyCreatedIsPendingAtTheFirstStep() {
        SplitRecord split = splits.create("shard0", "shard1", KeyRange.FULL.upperHalf());

        assertThat(split.step()).isEqualTo(Step.CLONE_TARGET);
        assertThat(split.state()).isEqualTo(State.PENDING);
        assertThat(splits.claim(split.id(), "me", Duration.ofSeconds(30)).state()).isEqualTo(State.RUNNING);
    }

    @Test
    void aSplitAbortedBeforeAbortedBecameAStateReadsAtTheStepItWasAbortedAt() throws Exception {
        DatabaseConfig config = TestDatabases.fresh("control", "oldsplits");
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + config.address() + "/", config.user(), config.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + config.database() + "`");
        }
        Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:" + MariaDbAccountStore.MIGRATIONS.location())
                .table(MariaDbAccountStore.MIGRATIONS.historyTable()).target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO split_workflows (source, target, range_start, range_end, step, state, outputs, last_error, "
                    + "created_at, updated_at) VALUES ('shard0', 'shard1', '8000000000000000', 'ffffffffffffffff', 'ABORTED', "
                    + "'ABORTED', '{}', 'aborted by the operator at MOVE_READS', NOW(6), NOW(6)), ('shard2', 'shard3', "
                    + "'8000000000000000', 'ffffffffffffffff', 'ABORTED', 'ABORTED', '{}', NULL, NOW(6), NOW(6))");
        }

        try (Database migrated = Database.open("control", config, List.of(MariaDbAccountStore.MIGRATIONS))) {
            List<SplitRecord> old = new MariaDbSplitRegistry(migrated, Clock.systemUTC()).list(10);

            assertThat(old).extracting(SplitRecord::source, SplitRecord::step, SplitRecord::state).containsExactly(
                    tuple("shard2", Step.CLONE_TARGET, State.ABORTED),
                    tuple("shard0", Step.MOVE_READS, State.ABORTED));
        }
    }
}
