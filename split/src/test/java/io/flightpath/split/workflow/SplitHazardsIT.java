package io.flightpath.split.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.split.replication.ShardServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The split's hazards other than crashes: routing nodes that do not acknowledge, and replication lag. */
class SplitHazardsIT {
    static final KeyRange UPPER = KeyRange.FULL.upperHalf();

    @TempDir
    Path home;

    /** Keeps the notes a split prints, so a test can act when the split says it waits. */
    static final class Notes implements SplitProgress {
        final List<String> notes = new CopyOnWriteArrayList<>();
        final List<Step> finished = new CopyOnWriteArrayList<>();

        @Override
        public void stepStarted(Step step, String description) {
        }

        @Override
        public void advanced(Step step, long done, long total, String unit) {
        }

        @Override
        public void stepFinished(Step step, String summary) {
            finished.add(step);
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }
    }

    @Test
    void aLiveNodeThatDoesNotAcknowledgeStopsTheSplitUntilItDoes() throws InterruptedException {
        try (SplitFixture f = new SplitFixture(home)) {
            Instant now = Instant.now();
            f.routing.acknowledge(new NodeAck("stuck-node", 1, 1, 1, now, now.plus(Duration.ofHours(1))));
            SplitSettings impatient = new SplitSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 500, Duration.ZERO,
                    Duration.ofSeconds(60), Duration.ofMillis(500), 0);
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);

            assertThatThrownBy(() -> f.runner(SplitRunner.StepHook.NONE, SplitProgress.SILENT, impatient).run(split.id()))
                    .hasMessageContaining("stuck-node").hasMessageContaining("read map v2");
            SplitRecord failed = f.registry.find(split.id()).orElseThrow();
            assertThat(failed.state()).isEqualTo(State.FAILED);
            assertThat(failed.step()).isEqualTo(Step.MOVE_READS);
            assertThat(f.routing.state().write().lookup(UPPER.start()).shard()).as("writes did not move").isEqualTo("shard0");

            // the node comes back and routes by the new maps from now on
            Thread comeback = Thread.ofVirtual().start(() -> {
                while (f.registry.find(split.id()).orElseThrow().step() != Step.DONE) {
                    var s = f.routing.state();
                    Instant t = Instant.now();
                    f.routing.acknowledge(new NodeAck("stuck-node", s.read().version(), s.write().version(), s.poolGeneration(),
                            t, t.plus(Duration.ofHours(1))));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            assertThat(f.runner(SplitRunner.StepHook.NONE).run(split.id()).state()).isEqualTo(State.DONE);
            comeback.join(); // it stops once the split is done, before the fixture closes the stores it uses
        }
    }

    @Test
    void aSilentNodeIsWaitedOutUntilItsLeaseRunsOut() {
        try (SplitFixture f = new SplitFixture(home)) {
            Instant leaseEnd = Instant.now().plus(Duration.ofSeconds(3));
            f.routing.acknowledge(new NodeAck("gone-node", 1, 1, 1, Instant.now(), leaseEnd));
            Notes notes = new Notes();
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            Instant[] readsMovedAt = new Instant[1];

            SplitRecord done = f.runner(step -> {
                if (step == Step.MOVE_READS) {
                    readsMovedAt[0] = Instant.now();
                }
            }, notes, SplitFixture.settings()).run(split.id());

            assertThat(done.state()).isEqualTo(State.DONE);
            assertThat(readsMovedAt[0]).as("reads moved only once the silent node could no longer route").isAfter(leaseEnd);
        }
    }

    @Test
    void noOtherRunTakesOverWhileALongStepIsRunning() {
        try (SplitFixture f = new SplitFixture(home)) {
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            Duration stale = SplitFixture.settings().staleClaim();
            SplitRunner.StepHook longStep = step -> {
                if (step == Step.CLONE_TARGET) {
                    // well past the staleness: only the running split's heartbeat keeps its claim fresh
                    await().during(stale.plusSeconds(1)).atMost(stale.plusSeconds(10))
                            .until(() -> refusesTakeover(f, split.id(), stale));
                }
            };

            assertThat(f.runner(longStep).run(split.id()).state()).isEqualTo(State.DONE);
        }
    }

    private static boolean refusesTakeover(SplitFixture f, long id, Duration stale) {
        try {
            f.registry.claim(id, "another-run", stale);
            return false;
        } catch (io.flightpath.core.FlightpathException e) {
            return e.code() == io.flightpath.core.ErrorCode.CONFLICT;
        }
    }

    @Test
    void aReplicationLagSpikeHoldsTheNextStepUntilTheTargetCatchesUp() {
        try (SplitFixture f = new SplitFixture(home)) {
            Notes notes = new Notes();
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            SplitRunner.StepHook stallReplica = step -> {
                if (step == Step.WAIT_FOR_CATCH_UP) {
                    ShardServer target = f.shards.require("shard1");
                    target.execute("stall the replica", "STOP SLAVE 'split_from_shard0' SQL_THREAD");
                    Thread.ofVirtual().start(() -> {
                        await().atMost(Duration.ofSeconds(30)).until(() -> notes.notes.stream().anyMatch(n -> n.contains("waits")));
                        target.execute("resume the replica", "START SLAVE 'split_from_shard0' SQL_THREAD");
                    });
                }
            };

            SplitRecord done = f.runner(stallReplica, notes, SplitFixture.settings()).run(split.id());

            assertThat(done.state()).isEqualTo(State.DONE);
            assertThat(notes.notes).anySatisfy(n -> assertThat(n).contains("VERIFY_COPY waits").contains("replication"));
        }
    }
}
