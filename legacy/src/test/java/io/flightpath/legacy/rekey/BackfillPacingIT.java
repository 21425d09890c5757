package io.flightpath.legacy.rekey;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.legacy.rekey.ShardKeyMigration.Outcome;
import io.flightpath.legacy.rekey.ShardKeyMigration.Step;
import io.flightpath.store.Throttle;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backfill's batches, pauses and progress follow its settings. */
@ExtendWith(SharedCluster.class)
class BackfillPacingIT {

    @Test
    void theBackfillPausesAfterEveryBatchOfTheSetSizeAndReportsRowsDoneAndLeft() {
        try (SeededLegacy legacy = new SeededLegacy(20, 1_000)) {
            AtomicInteger pauses = new AtomicInteger();
            Throttle counting = () -> {
                pauses.incrementAndGet();
                return Duration.ZERO;
            };
            List<RekeyProgress> reports = new CopyOnWriteArrayList<>();
            ShardKeyMigration migration = legacy.migration(SeededLegacy.quick().withBatchRows(100).withPacing(() -> counting),
                    reports::add);
            migration.run(Step.ADD_COLUMN);
            migration.run(Step.BUILD_INDEX);
            legacy.records.writeShardKeys();
            migration.run(Step.BACKFILL);

            List<RekeyProgress> calls = reports.stream().filter(p -> p.table().equals("calls")).toList();
            long callRows = legacy.rows("calls");
            assertThat(calls.getFirst()).isEqualTo(new RekeyProgress(Step.BACKFILL, "calls", 0, callRows));
            assertThat(calls.getLast()).isEqualTo(new RekeyProgress(Step.BACKFILL, "calls", callRows, 0));
            assertThat(calls.subList(1, calls.size())).hasSize((int) Math.ceilDiv(callRows, 100))
                    .allSatisfy(p -> assertThat(p.done() + p.left()).isEqualTo(callRows));
            assertThat(reports.getLast()).isEqualTo(new RekeyProgress(Step.BACKFILL, "messages", 1_000, 0));
            // one pause after each batch: every report but the first of each table
            assertThat(pauses.get()).isEqualTo(reports.size() - 2);
        }
    }

    @Test
    void withTheKeyLeftNullableTheColumnStaysNullableAndTheRestIsTheSame() {
        try (SeededLegacy legacy = new SeededLegacy(10, 200)) {
            legacy.records.writeShardKeys();
            ShardKeyMigration migration = legacy.migration(SeededLegacy.quick().withRequireKey(false), p -> { });
            for (Step step : Step.values()) {
                assertThat(migration.run(step)).as(step.name())
                        .isEqualTo(step == Step.REQUIRE_KEY ? Outcome.ALREADY_DONE : Outcome.APPLIED);
            }
            String nullable = legacy.db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT IS_NULLABLE FROM information_schema.COLUMNS "
                        + "WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'shard_key'")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(nullable).isEqualTo("YES");
        }
    }
}
