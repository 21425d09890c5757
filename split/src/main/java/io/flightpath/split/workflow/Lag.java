package io.flightpath.split.workflow;

import io.flightpath.split.replication.Replication;
import io.flightpath.split.replication.ReplicationStatus;
import java.util.Optional;
import java.util.OptionalLong;

/** The throttle every step after the clone checks: replication must be healthy and within the lag bound. */
final class Lag {
    private Lag() {
    }

    static Optional<String> blocking(SplitContext ctx) {
        Replication replication = ctx.replication();
        ReplicationStatus status = replication.status();
        if (status.broken()) {
            return Optional.of("replication from " + ctx.split().source() + " is broken: " + status.error());
        }
        if (!status.running()) {
            return Optional.of("replication from " + ctx.split().source() + " is not running");
        }
        OptionalLong lag = replication.lagSeconds();
        ctx.progress().replicationLag(lag);
        if (lag.isEmpty() || lag.getAsLong() > ctx.settings().maxLag().toSeconds()) {
            return Optional.of("replication lag " + (lag.isEmpty() ? "unknown" : lag.getAsLong() + " s")
                    + " is above the bound of " + ctx.settings().maxLag().toSeconds() + " s");
        }
        return Optional.empty();
    }
}
