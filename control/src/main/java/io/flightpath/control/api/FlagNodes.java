package io.flightpath.control.api;

import java.time.Instant;
import java.util.List;

/** The current flags version and every node that ever acknowledged one, as of {@code at}. */
public record FlagNodes(long version, Instant at, List<FlagNodeStatus> nodes) {
    public FlagNodes {
        nodes = List.copyOf(nodes);
    }

    public static FlagNodes of(long version, Instant at, List<Acknowledgement> acks) {
        return new FlagNodes(version, at, acks.stream().map(a -> FlagNodeStatus.of(a, version, at)).toList());
    }

    /** Live nodes that have not acknowledged the current version yet: what a wait waits for. */
    public List<FlagNodeStatus> behind() {
        return nodes.stream().filter(n -> n.live() && !n.acknowledged()).toList();
    }

    /** Nodes whose lease ran out: silent, possibly evaluating an old snapshot. */
    public List<FlagNodeStatus> silent() {
        return nodes.stream().filter(n -> !n.live()).toList();
    }
}
