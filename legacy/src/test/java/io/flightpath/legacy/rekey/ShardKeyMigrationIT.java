package io.flightpath.legacy.rekey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.NewCall;
import io.flightpath.core.PageRequest;
import io.flightpath.legacy.Stage;
import io.flightpath.legacy.rekey.ShardKeyMigration.Outcome;
import io.flightpath.legacy.rekey.ShardKeyMigration.Step;
import io.flightpath.postflight.routing.SingleShardRouter;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.flightpath.postflight.store.PostflightShards;
import io.flightpath.postflight.schema.ShardSchema;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The legacy database becomes a post-flight shard on a real server, under traffic, step by step. */
@ExtendWith(SharedCluster.class)
class ShardKeyMigrationIT {

    @Test
    void theWholeMigrationUnderTrafficFailsNothingAndLeavesADatabaseThatWorksAsAShard() throws Exception {
        try (SeededLegacy legacy = new SeededLegacy(300, 3_000)) {
            ShardKeyMigration migration = legacy.migration(SeededLegacy.quick(), p -> { });
            List<Throwable> failures;
            try (LegacyTraffic traffic = new LegacyTraffic(legacy)) {
                traffic.awaitMore(50);
                assertThat(migration.run(Step.ADD_COLUMN)).isEqualTo(Outcome.APPLIED);
                traffic.awaitMore(50); // rows without a key keep arriving until the writers switch
                legacy.records.writeShardKeys();
                for (Step step : List.of(Step.BUILD_INDEX, Step.BACKFILL, Step.REQUIRE_KEY, Step.RECORD_SCHEMA, Step.VERIFY)) {
                    assertThat(migration.run(step)).as(step.name()).isEqualTo(Outcome.APPLIED);
                    traffic.awaitMore(20);
                }
                failures = traffic.stop();
                assertThat(traffic.written()).isNotEmpty();
            }
            assertThat(failures).isEmpty();

            assertThat(migration.check()).allSatisfy(check -> {
                assertThat(check.passed()).as(check.toString()).isTrue();
                assertThat(check.rows()).isEqualTo(legacy.rows(check.table()));
                assertThat(check.accounts()).isEqualTo(300);
            });
            try (Database fresh = Database.open("fresh", TestDatabases.fresh("shard0", "fresh"), ShardSchema.MIGRATIONS)) {
                assertThat(SeededLegacy.createStatements(legacy.db)).isEqualTo(SeededLegacy.createStatements(fresh));
            }
            worksAsAShard(legacy);
        }
    }

    /** Opened as post-flight shard0 (Flyway's records history finds V1 applied), it serves the legacy rows and takes new ones. */
    private static void worksAsAShard(SeededLegacy legacy) {
        try (PostflightShards shards = PostflightShards.open(Map.of("shard0", legacy.config))) {
            MariaDbPostflightStore store = new MariaDbPostflightStore(new SingleShardRouter(shards.shard("shard0")));
            Call seeded = legacy.calls.getFirst();
            assertThat(store.call(seeded.accountSid(), seeded.sid())).isEqualTo(legacy.records.call(seeded.accountSid(), seeded.sid(), Stage.ANY));
            Message message = legacy.messages.getLast();
            assertThat(store.message(message.accountSid(), message.sid())).contains(legacy.records.message(message.accountSid(),
                    message.sid(), Stage.ANY).orElseThrow());

            AccountSid account = legacy.accounts.get(7);
            Call handedOff = new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null)
                    .create(SeededLegacy.T0).withStatus(CallStatus.CANCELED, SeededLegacy.T0.plusSeconds(2));
            store.insertCalls(List.of(handedOff));
            assertThat(store.call(account, handedOff.sid())).contains(handedOff);
            assertThat(store.priceCall(account, handedOff.sid(), new BigDecimal("-0.00400"), "USD", SeededLegacy.T0.plusSeconds(3))
                    .price()).isEqualByComparingTo("-0.004");
            assertThat(store.calls(CallQuery.all(account), PageRequest.first(500)).items())
                    .extracting(Call::sid).contains(handedOff.sid())
                    .containsAll(legacy.calls.stream().filter(c -> c.accountSid().equals(account)).map(Call::sid).toList());
        }
        assertThat(legacy.migration(SeededLegacy.quick(), p -> { }).check()).allMatch(KeyCheck::passed);
    }

    @Test
    void eachStepRunTwiceDoesNothingTheSecondTime() {
        try (SeededLegacy legacy = new SeededLegacy(40, 500)) {
            ShardKeyMigration migration = legacy.migration(SeededLegacy.quick(), p -> { });
            for (Step step : Step.values()) {
                if (step == Step.BACKFILL) {
                    legacy.records.writeShardKeys();
                }
                assertThat(migration.run(step)).as(step.name()).isEqualTo(Outcome.APPLIED);
                Map<String, String> shape = SeededLegacy.createStatements(legacy.db);
                // VERIFY only reads, so it does its reading every time
                assertThat(migration.run(step)).as(step.name()).isEqualTo(step == Step.VERIFY ? Outcome.APPLIED : Outcome.ALREADY_DONE);
                assertThat(SeededLegacy.createStatements(legacy.db)).isEqualTo(shape);
            }
        }
    }

    @Test
    void aRunStoppedAfterAnyStepIsFinishedByANewInstance() {
        for (Step last : Step.values()) {
            try (SeededLegacy legacy = new SeededLegacy(30, 300)) {
                legacy.records.writeShardKeys();
                ShardKeyMigration first = legacy.migration(SeededLegacy.quick(), p -> { });
                for (Step step : Step.values()) {
                    if (step.compareTo(last) <= 0) {
                        first.run(step);
                    }
                }
                ShardKeyMigration second = legacy.migration(SeededLegacy.quick(), p -> { });
                for (Step step : Step.values()) {
                    assertThat(second.run(step)).as("after " + last + ": " + step)
                            .isEqualTo(step.compareTo(last) <= 0 && step != Step.VERIFY ? Outcome.ALREADY_DONE : Outcome.APPLIED);
                }
                assertThat(second.check()).as("after " + last).allMatch(KeyCheck::passed);
            }
        }
    }

    @Test
    void aBackfillThatCrashedInsideIsFinishedByTheNextRun() {
        try (SeededLegacy legacy = new SeededLegacy(50, 1_000)) {
            legacy.records.writeShardKeys();
            ShardKeyMigration crashing = legacy.migration(SeededLegacy.quick(), p -> {
                if (p.done() >= 300) {
                    throw new IllegalStateException("the process died");
                }
            });
            crashing.run(Step.ADD_COLUMN);
            crashing.run(Step.BUILD_INDEX);
            assertThatThrownBy(() -> crashing.run(Step.BACKFILL)).hasMessage("the process died");
            assertThat(crashing.done(Step.BACKFILL)).isFalse();

            ShardKeyMigration next = legacy.migration(SeededLegacy.quick(), p -> { });
            for (Step step : Step.values()) {
                next.run(step);
            }
            assertThat(next.check()).allMatch(KeyCheck::passed);
        }
    }

    @Test
    void aStepBeforeTheStepsItNeedsOrBeforeEveryWriterWritesKeysIsRefused() {
        try (SeededLegacy legacy = new SeededLegacy(10, 100)) {
            ShardKeyMigration migration = legacy.migration(SeededLegacy.quick(), p -> { });
            assertThat(migration.blockedBy(Step.BUILD_INDEX)).contains("ADD_COLUMN is not done yet");
            assertThatThrownBy(() -> migration.run(Step.BUILD_INDEX)).isInstanceOfSatisfying(FlightpathException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));

            migration.run(Step.ADD_COLUMN);
            migration.run(Step.BUILD_INDEX);
            assertThat(migration.blockedBy(Step.BACKFILL)).contains("writers do not write shard keys yet: [legacy]");
            assertThatThrownBy(() -> migration.run(Step.BACKFILL)).isInstanceOfSatisfying(FlightpathException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));

            legacy.records.writeShardKeys();
            assertThat(migration.blockedBy(Step.BACKFILL)).isEmpty();
            assertThat(migration.blockedBy(Step.RECORD_SCHEMA)).contains("BACKFILL is not done yet");
        }
    }
}
