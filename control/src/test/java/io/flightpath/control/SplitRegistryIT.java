package io.flightpath.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.store.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        SplitRecord first = splits.create("shard0", "shard1", KeyRange.FULL.upperHalf(), "CLONE_TARGET");

        assertCode(() -> splits.create("shard0", "shard2", KeyRange.of(5), "CLONE_TARGET"), ErrorCode.CONFLICT);
        splits.create("shard3", "shard4", KeyRange.of(5), "CLONE_TARGET");

        splits.claim(first.id(), "me", Duration.ofSeconds(30));
        splits.advance(first.id(), "me", "DONE", "DONE", Map.of(), null);
        assertThat(splits.create("shard0", "shard2", KeyRange.of(5), "CLONE_TARGET").source()).isEqualTo("shard0");
    }

    @Test
    void onlyTheOwnerAdvancesAndAStaleClaimCanBeTakenOver() {
        SplitRecord split = splits.create("shard0", "shard1", KeyRange.FULL.upperHalf(), "CLONE_TARGET");
        splits.claim(split.id(), "runner-1", Duration.ofMinutes(1));

        assertCode(() -> splits.claim(split.id(), "runner-2", Duration.ofMinutes(1)), ErrorCode.CONFLICT);
        assertCode(() -> splits.advance(split.id(), "runner-2", "WAIT_FOR_CATCH_UP", "RUNNING", Map.of(), null), ErrorCode.CONFLICT);

        SplitRecord advanced = splits.advance(split.id(), "runner-1", "WAIT_FOR_CATCH_UP", "RUNNING", Map.of("snapshot.gtid", "10-10-5"), null);
        assertThat(advanced.step()).isEqualTo("WAIT_FOR_CATCH_UP");
        assertThat(advanced.outputs()).containsEntry("snapshot.gtid", "10-10-5");

        SplitRecord takenOver = splits.claim(split.id(), "runner-2", Duration.ZERO);
        assertThat(takenOver.owner()).isEqualTo("runner-2");
        assertThat(takenOver.outputs()).containsEntry("snapshot.gtid", "10-10-5");
        assertThat(takenOver.range()).isEqualTo(KeyRange.FULL.upperHalf());
    }

    @Test
    void aFinishedSplitCannotBeClaimed() {
        SplitRecord split = splits.create("shard0", "shard1", KeyRange.FULL.upperHalf(), "CLONE_TARGET");
        splits.claim(split.id(), "me", Duration.ofSeconds(30));
        splits.advance(split.id(), "me", "ABORTED", "ABORTED", Map.of(), "aborted by the operator");

        assertCode(() -> splits.claim(split.id(), "me", Duration.ofSeconds(30)), ErrorCode.FAILED_PRECONDITION);
        assertThat(splits.find(split.id())).hasValueSatisfying(s -> assertThat(s.lastError()).contains("operator"));
    }
}
