package io.flightpath.bench;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.legacy.LegacyPostflightStore;
import io.flightpath.legacy.LegacyRecords;
import io.flightpath.legacy.Stage;
import io.flightpath.legacy.rekey.KeyCheck;
import io.flightpath.legacy.rekey.KeyedWriters;
import io.flightpath.legacy.rekey.RekeySettings;
import io.flightpath.legacy.rekey.ShardKeyMigration;
import io.flightpath.legacy.rekey.ShardKeyMigration.Step;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flightpath bench rekey}: seeds a legacy database with finished calls and messages, puts a
 * steady open-loop load on it through the legacy code path, and turns it into a post-flight shard
 * under that load ({@link ShardKeyMigration}, default settings). Prints the load's latency before
 * and during the migration and during each of its steps, the time of every step and the failed
 * requests.
 */
public final class RekeyBench {
    private static final int ACCOUNTS = 10_000;
    private static final int RATE = 200;
    private static final int POOL = 16;
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration BEFORE = Duration.ofSeconds(30);
    private static final double SETTLED_DIRTY_SHARE = 0.01;
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(3);

    /** One step of the migration on the nanoTime clock. */
    record TimedStep(Step step, long startNanos, long endNanos, ShardKeyMigration.Outcome outcome) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    /** @param rows finished rows seeded into the legacy tables, half calls and half messages */
    public void run(PrintStream out, long rows) {
        if (rows < 2) {
            throw new IllegalArgumentException("rows must be >= 2, was " + rows);
        }
        out.printf("flightpath bench rekey: %,d legacy rows become post-flight shard0 under %d requests/s through the legacy path "
                + "(2/5 inserts, 2/5 reads by SID, 1/5 pages of 50)%n", rows, RATE);
        try (BenchCluster bed = BenchCluster.start("127.0.0.1", line -> { })) {
            DatabaseConfig config = bed.shard("legacy", POOL);
            try (Database db = Database.open("legacy", config, LegacyRecords.MIGRATIONS)) {
                out.println(Machine.describe(db).line());
                List<AccountSid> accounts = new ArrayList<>(ACCOUNTS);
                for (int i = 0; i < ACCOUNTS; i++) {
                    accounts.add(AccountSid.random());
                }
                SeedRows seed = SeedRows.unkeyed(config, accounts);
                long calls = rows / 2;
                long seedStart = System.nanoTime();
                seed.fill(calls, done -> { });
                out.printf("seeded %,d rows without a shard key (%,d calls, %,d messages) of %,d accounts in %.1f s%n", 2 * calls,
                        calls, calls, ACCOUNTS, (System.nanoTime() - seedStart) / 1e9);
                Duration settled = Quiescence.await(config, SETTLED_DIRTY_SHARE, SETTLE_LIMIT);
                out.printf("the server wrote back the seeding's dirty pages in %.1f s%n", settled.toMillis() / 1e3);

                LegacyRecords records = new LegacyRecords(db, Clock.systemUTC());
                ShardKeyMigration migration = new ShardKeyMigration(db, KeyedWriters.local(List.of(records)),
                        RekeySettings.defaults(), p -> { });
                try (SteadyLoad load = new SteadyLoad(new LegacyPostflightStore(records), seed, calls, RATE)) {
                    load.start();
                    SplitBench.sleep(WARMUP);
                    long beforeStart = System.nanoTime();
                    SplitBench.sleep(BEFORE);
                    List<TimedStep> steps = migrate(out, migration, records);
                    load.close();
                    List<KeyCheck> checks = migration.check();
                    long lost = lost(records, load.inserted());
                    new RekeyReport(out).print(load, beforeStart, steps, checks, lost);
                }
            }
        }
    }

    /** Runs every step in order; the writers switch to keyed rows as soon as the column exists, as the rollout does. */
    private static List<TimedStep> migrate(PrintStream out, ShardKeyMigration migration, LegacyRecords records) {
        List<TimedStep> steps = new ArrayList<>();
        for (Step step : Step.values()) {
            long start = System.nanoTime();
            ShardKeyMigration.Outcome outcome = migration.run(step);
            if (step == Step.ADD_COLUMN) {
                records.writeShardKeys();
            }
            TimedStep timed = new TimedStep(step, start, System.nanoTime(), outcome);
            out.printf("  %-14s %7.1f s  %s%n", step, timed.seconds(), migration.describe(step));
            steps.add(timed);
        }
        return steps;
    }

    /** Inserted calls the legacy path cannot find after the migration. */
    private static long lost(LegacyRecords records, List<Call> inserted) {
        return inserted.stream().filter(c -> records.call(c.accountSid(), c.sid(), Stage.ANY).isEmpty()).count();
    }
}
