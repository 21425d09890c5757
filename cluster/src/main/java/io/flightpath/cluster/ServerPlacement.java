package io.flightpath.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Where a cluster's servers run when not all on the cluster's one address: a server placed on a
 * host listens on that host's address and is started through the host's launcher (for instance
 * {@code ip netns exec NS}, for a host simulated as a network namespace). Servers not placed run
 * as before, on the cluster's address.
 */
@FunctionalInterface
public interface ServerPlacement {
    /** Where server {@code name} (control, inflight, shardN) runs, or empty for the cluster's address. */
    Optional<Placed> of(String name);

    /** A host for one server: its address, and the command words that start a program on it. */
    record Placed(String host, List<String> launcher) {
        public Placed {
            launcher = List.copyOf(launcher);
        }
    }

    ServerPlacement NONE = name -> Optional.empty();
}
