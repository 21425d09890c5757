package io.flightpath.bench;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.NewCall;
import io.flightpath.core.StatusEvent;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.inflight.handoff.HandoffConfig;
import io.flightpath.inflight.handoff.HandoffRelay;
import io.flightpath.inflight.store.GroupCommitConfig;
import io.flightpath.inflight.store.MariaDbInflightStore;
import io.flightpath.inflight.store.WakeSignal;
import io.flightpath.postflight.routing.SingleShardRouter;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.flightpath.postflight.store.PostflightShards;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The in-flight store, its handoff relay and the post-flight store wired in-process as the
 * embedded default wires them, on their own databases, with the handoff lag observed where the
 * relay inserts into post-flight. Thread-safe; close it to stop the relay.
 */
final class ServicePipeline implements AutoCloseable {
    private static final CallStatus[] STEPS = {CallStatus.RINGING, CallStatus.IN_PROGRESS, CallStatus.COMPLETED};

    private final Clock clock = Clock.systemUTC();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final HandoffLag lag = new HandoffLag();
    private final Database inflightDb;
    private final PostflightShards shards;
    private final MariaDbInflightStore store;
    private final HandoffRelay relay;

    ServicePipeline(DatabaseConfig inflight, DatabaseConfig shard, HandoffConfig handoff) {
        this.shards = PostflightShards.open(Map.of("shard0", shard));
        this.inflightDb = Database.open("inflight", inflight, MariaDbInflightStore.MIGRATIONS);
        WakeSignal wake = new WakeSignal();
        MariaDbPostflightStore postflight = new MariaDbPostflightStore(new SingleShardRouter(shards.shards().get(0)));
        this.relay = new HandoffRelay(inflightDb, new ObservedPostflight(postflight, lag), handoff, wake, clock, metrics);
        this.store = new MariaDbInflightStore(inflightDb, clock, GroupCommitConfig.DEFAULTS, wake, relay, metrics);
        relay.start();
    }

    /** Creates a call and moves it through ringing, in-progress and completed; {@code applied} hears each event's latency. */
    void lifecycle(AccountSid account, ApplyTimer applied) {
        Call call = store.createCall(new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null));
        for (CallStatus step : STEPS) {
            List<StatusEvent> event = List.of(StatusEvent.of(call.sid(), step, clock.instant()));
            long start = System.nanoTime();
            if (step == STEPS[STEPS.length - 1]) {
                lag.finalEventSent(call.sid().value(), start);
            }
            store.apply(event);
            applied.record(System.nanoTime() - start);
        }
    }

    /** Calls the relay has put into post-flight so far. */
    long handedOff() {
        return (long) metrics.get("flightpath.handoff.records").tag("kind", "call").counter().count();
    }

    /** Waits until the relay has put {@code target} calls into post-flight in all, or fails after {@code limit}. */
    void awaitHandedOff(long target, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (handedOff() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the handoff did not drain within " + limit.toSeconds() + " s: "
                        + handedOff() + " of " + target + " calls handed off");
            }
            Thread.sleep(5);
        }
    }

    /** The handoff lag of the calls that go through, for the runs to start and stop. */
    HandoffLag lag() {
        return lag;
    }

    /** In-flight transactions the group committer has committed so far. */
    long commits() {
        return (long) metrics.get("flightpath.inflight.commits").counter().count();
    }

    /** Takes each {@code apply} latency in nanoseconds. */
    @FunctionalInterface
    interface ApplyTimer {
        ApplyTimer NONE = nanos -> { };

        void record(long nanos);
    }

    @Override
    public void close() {
        relay.close();
        store.close();
        inflightDb.close();
        shards.close();
    }
}
