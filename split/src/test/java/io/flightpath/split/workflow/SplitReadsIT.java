package io.flightpath.split.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.PageRequest;
import io.flightpath.core.ShardKey;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.postflight.routing.MapRouter;
import io.flightpath.postflight.routing.RouterConfig;
import io.flightpath.postflight.routing.UnreachableRouting;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.flightpath.split.replication.Replication;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads during a split: a lagging target never hides an acknowledged write, and a node cut off
 * from the control store keeps serving what it still owns while the source refuses what moved.
 */
class SplitReadsIT {
    static final KeyRange UPPER = KeyRange.FULL.upperHalf();

    @TempDir
    Path home;

    @Test
    void withTheTargetsSqlThreadStoppedAfterMoveReadsNoReadMissesAnAcknowledgedWrite() throws Exception {
        try (SplitFixture f = new SplitFixture(home)) {
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            assertThatThrownBy(() -> f.runner(stopAfter(Step.MOVE_READS)).run(split.id())).hasMessageContaining("stop after MOVE_READS");
            assertThat(f.router.forRead(upperAccount()).name()).as("reads of the range go to the target").isEqualTo("shard1");
            Replication link = new Replication(f.shards.require("shard0"), f.shards.require("shard1"));
            f.shards.require("shard1").execute("stall the target", "STOP SLAVE '" + link.connectionName() + "' SQL_THREAD");

            List<AccountSid> accounts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                accounts.add(i % 2 == 0 ? upperAccount() : lowerAccount());
            }
            ConcurrentLinkedQueue<String> missed = new ConcurrentLinkedQueue<>();
            List<Call> written = new ArrayList<>();
            // the handoff's order: insert, then read back at once, by SID and in the account's list
            for (int n = 0; n < 60; n++) {
                Call call = SplitFixture.finishedCall(accounts.get(n % accounts.size()));
                f.store.insertCalls(List.of(call));
                written.add(call);
                if (f.store.call(call.accountSid(), call.sid()).isEmpty()) {
                    missed.add("fetch " + call.sid());
                }
                if (f.store.calls(CallQuery.all(call.accountSid()), PageRequest.first(1)).items().stream()
                        .noneMatch(c -> c.sid().equals(call.sid()))) {
                    missed.add("list " + call.sid());
                }
            }

            assertThat(missed).isEmpty();
            link.resume();
            SplitRecord done = f.runner(SplitRunner.StepHook.NONE).run(split.id());
            assertThat(done.state()).isEqualTo(State.DONE);
            for (Call c : written) {
                assertThat(f.store.call(c.accountSid(), c.sid())).as(c.sid().value()).isPresent();
            }
        }
    }

    @Test
    void aNodeCutOffFromTheControlStoreKeepsServingWhatItOwnsAndTheSourceRefusesWhatMoved() throws Exception {
        try (SplitFixture f = new SplitFixture(home)) {
            AccountSid upper = upperAccount();
            AccountSid lower = lowerAccount();
            Call before = SplitFixture.finishedCall(upper);
            f.store.insertCalls(List.of(before));
            UnreachableRouting cutOff = new UnreachableRouting(f.routing);
            try (MapRouter stale = new MapRouter(cutOff, f.pools, new RouterConfig("node-2", Duration.ofMillis(50), Duration.ofMillis(500),
                    Duration.ofSeconds(1)), Clock.systemUTC(), new SimpleMeterRegistry()).start()) {
                MariaDbPostflightStore staleStore = new MariaDbPostflightStore(stale);
                cutOff.down.set(true);
                await().atMost(Duration.ofSeconds(5)).until(() -> !stale.leaseHeld());

                SplitRecord done = f.runner(SplitRunner.StepHook.NONE).run(f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER).id());
                assertThat(done.state()).isEqualTo(State.DONE);
                assertThat(stale.routes().write().lookup(ShardKey.of(upper)).shard()).as("still the old maps").isEqualTo("shard0");

                Call owned = SplitFixture.finishedCall(lower);
                staleStore.insertCalls(List.of(owned));
                assertThat(staleStore.call(lower, owned.sid())).contains(owned);
                assertThat(f.store.call(lower, owned.sid())).contains(owned);
                assertThatThrownBy(() -> staleStore.insertCalls(List.of(SplitFixture.finishedCall(upper))))
                        .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                        .hasMessageContaining("moved away from shard0");
                assertThatThrownBy(() -> staleStore.call(upper, before.sid()))
                        .as("shard0 deleted the range: a read there would be a false 404")
                        .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
                assertThat(f.store.call(upper, before.sid())).contains(before);

                cutOff.down.set(false);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(staleStore.call(upper, before.sid())).contains(before));
            }
        }
    }

    @Test
    void anAbortAfterTheFenceLetsTheSourceTakeTheRangesWritesAgain() throws Exception {
        try (SplitFixture f = new SplitFixture(home)) {
            SplitRecord split = f.runner(SplitRunner.StepHook.NONE).plan("shard0", "shard1", UPPER);
            assertThatThrownBy(() -> f.runner(stopAfter(Step.SPLIT_SEQUENCES)).run(split.id())).hasMessageContaining("stop after");
            f.shards.require("shard0").onDatabase("fence as MOVE_WRITES does", c -> {
                io.flightpath.postflight.schema.ShardFence.recordMove(c, "shard0", UPPER, Instant.now());
                return null;
            });
            RoutingState state = f.routing.state();
            f.routing.publish(null, state.write().assign(UPPER, "shard0", true), false, "writes held, as MOVE_WRITES does");

            f.abort().abort(split.id());

            Call call = SplitFixture.finishedCall(upperAccount());
            f.store.insertCalls(List.of(call));
            assertThat(f.store.call(call.accountSid(), call.sid())).contains(call);
        }
    }

    private static SplitRunner.StepHook stopAfter(Step step) {
        return applied -> {
            if (applied == step) {
                throw new IllegalStateException("stop after " + step);
            }
        };
    }

    static AccountSid upperAccount() {
        while (true) {
            AccountSid s = AccountSid.random();
            if (UPPER.contains(ShardKey.of(s))) {
                return s;
            }
        }
    }

    static AccountSid lowerAccount() {
        while (true) {
            AccountSid s = AccountSid.random();
            if (!UPPER.contains(ShardKey.of(s))) {
                return s;
            }
        }
    }
}
