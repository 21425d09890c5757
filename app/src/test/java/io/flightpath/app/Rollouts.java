package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.control.http.RolloutRegistryHttpClient;
import io.flightpath.control.http.SplitRegistryHttpClient;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.ServiceClient;
import io.flightpath.legacy.LegacyRecords;
import io.flightpath.rollout.RolloutProgress;
import io.flightpath.rollout.RolloutRunner;
import io.flightpath.rollout.RolloutSettings;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.control.api.RolloutRecord.Phase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A rollout runner in the test's JVM against a running legacy-shape stack, over its admin API as the CLI's. */
final class Rollouts implements AutoCloseable {
    /** Small enough for a test: few comparisons, short watches, two shards. */
    static final RolloutSettings QUICK = RolloutSettings.defaults()
            .withShadowMinCompared(10)
            .withWatch(Duration.ofMillis(500))
            .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(90))
            .withShards(2, false);

    final Database legacy;
    final RolloutRunner.Parts parts;

    /** For a walk that provisions no shard: the split's login is never used. */
    Rollouts(ServiceStack stack, DatabaseConfig legacyStore, String token, ShardDirectory.Provisioner provisioner) {
        this(stack, legacyStore, token, provisioner, new DbCredentials(legacyStore.user(), legacyStore.password()));
    }

    /** The split of the SHARD phase logs in as {@code splitLogin}, as `flightpath rollout` does with the split's account. */
    Rollouts(ServiceStack stack, DatabaseConfig legacyStore, String token, ShardDirectory.Provisioner provisioner, DbCredentials splitLogin) {
        this.legacy = Database.open("rollout-legacy", legacyStore, LegacyRecords.MIGRATIONS);
        ServiceClient control = new ServiceClient("control", stack.uri(Service.CONTROL), token, Duration.ofSeconds(30));
        ShardDirectory shards = new ShardDirectory(stack.routingService(), provisioner, splitLogin.user(), splitLogin.password());
        this.parts = new RolloutRunner.Parts(new RolloutRegistryHttpClient(control), stack.flagService(), stack.routingService(),
                new SplitRegistryHttpClient(control), shards, legacy, new HttpShadowView(stack.shadowReport()),
                new ScrapedTraffic(stack.uri(Service.API)));
    }

    /** For a stack whose walk never reaches SHARD. */
    static ShardDirectory.Provisioner noShards() {
        return name -> {
            throw FlightpathException.invalid("this test provisions no shard: %s", name);
        };
    }

    RolloutRunner runner(RolloutSettings settings, String owner, RolloutRunner.PhaseHook hook) {
        return new RolloutRunner(parts, settings, progress(), Clock.systemUTC(), owner, hook);
    }

    static RolloutProgress progress() {
        return new RolloutProgress() {
            @Override
            public void phaseStarted(Phase phase, String description) {
                System.out.println("rollout " + phase.numbered() + ": " + description);
            }

            @Override
            public void note(Phase phase, String message) {
                System.out.println("  " + phase + ": " + message);
            }

            @Override
            public void phaseFinished(Phase phase, String summary) {
                System.out.println("  " + phase + " done: " + summary);
            }
        };
    }

    static List<Integer> steps() {
        return QUICK.flipSteps();
    }

    @Override
    public void close() {
        legacy.close();
    }
}
