package io.flightpath.app;

import io.flightpath.flags.FlagNodeConfig;
import io.flightpath.inflight.handoff.HandoffConfig;
import io.flightpath.inflight.handoff.SweepConfig;
import io.flightpath.inflight.store.GroupCommitConfig;
import io.flightpath.postflight.routing.RouterConfig;

/** The tunables of each service, read from the settings {@link Keys} declares with the services' own defaults. */
final class Configs {
    private Configs() {
    }

    static GroupCommitConfig groupCommit(Settings s) {
        return new GroupCommitConfig(s.get(Keys.GROUP_COMMIT_MAX_EVENTS), s.get(Keys.GROUP_COMMIT_MAX_QUEUED),
                s.get(Keys.GROUP_COMMIT_COMMITTERS));
    }

    static HandoffConfig handoff(Settings s) {
        return new HandoffConfig(s.get(Keys.HANDOFF_BATCH), s.get(Keys.HANDOFF_WORKERS), s.get(Keys.HANDOFF_IDLE_WAIT),
                s.get(Keys.HANDOFF_MAX_BACKOFF), s.get(Keys.HANDOFF_FINISHED_RETENTION));
    }

    static RouterConfig router(Settings s) {
        String node = s.find(Keys.POSTFLIGHT_NODE_ID).orElseGet(() -> "postflight-" + host() + "-" + ProcessHandle.current().pid());
        return new RouterConfig(node, s.get(Keys.ROUTING_POLL), s.get(Keys.ROUTING_LEASE), s.get(Keys.ROUTING_HOLD_TIMEOUT));
    }

    /** A flags node: {@code flags.node-id} (default ROLE-HOST-PID), {@code flags.poll}, {@code flags.lease}. */
    static FlagNodeConfig flagNode(Settings s, String role) {
        String node = s.find(Keys.FLAGS_NODE_ID).orElseGet(() -> role + "-" + host() + "-" + ProcessHandle.current().pid());
        return new FlagNodeConfig(node, s.get(Keys.FLAGS_POLL), s.get(Keys.FLAGS_LEASE));
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
