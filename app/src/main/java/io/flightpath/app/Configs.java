package io.flightpath.app;

import io.flightpath.inflight.handoff.HandoffConfig;
import io.flightpath.inflight.handoff.SweepConfig;
import io.flightpath.inflight.store.GroupCommitConfig;
import io.flightpath.postflight.routing.RouterConfig;

/** The tunables of each service, read from settings with the services' own defaults. */
final class Configs {
    private Configs() {
    }

    static GroupCommitConfig groupCommit(Settings s) {
        GroupCommitConfig d = GroupCommitConfig.DEFAULTS;
        return new GroupCommitConfig(
                s.integer("inflight.group-commit.max-events", d.maxGroupEvents(), 1, 100_000),
                s.integer("inflight.group-commit.max-queued", d.maxQueued(), 1, 10_000_000),
                s.integer("inflight.group-commit.committers", d.committers(), 1, 64));
    }

    static HandoffConfig handoff(Settings s) {
        HandoffConfig d = HandoffConfig.DEFAULTS;
        return new HandoffConfig(
                s.integer("handoff.batch", d.batchSize(), 1, 10_000),
                s.duration("handoff.idle-wait", d.idleWait()),
                s.duration("handoff.max-backoff", d.maxBackoff()),
                s.duration("handoff.finished-retention", d.finishedRetention()));
    }

    static RouterConfig router(Settings s) {
        String node = s.string("postflight.node-id", "postflight-" + host() + "-" + ProcessHandle.current().pid());
        RouterConfig d = RouterConfig.defaults(node);
        return new RouterConfig(node, s.duration("routing.poll", d.poll()), s.duration("routing.lease", d.lease()),
                s.duration("routing.hold-timeout", d.holdTimeout()));
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    static SweepConfig sweep(Settings s) {
        return SweepConfig.DEFAULTS;
    }
}
