package io.flightpath.split.workflow;

import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.core.FlightpathException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Waits until every live routing node acknowledged a map version or pool generation. A node whose
 * lease ran out routes nothing, so it does not hold the split up.
 */
final class AckWaiter {
    /**
     * Nodes are told of a publication at once and acknowledge within milliseconds, and MOVE_WRITES
     * holds the range's writes while it waits here: each pause is a quarter of the wait so far
     * (from {@link #SHORTEST_PAUSE} to {@link #LONGEST_PAUSE}), so the acknowledgements are seen
     * at most a quarter later than they landed, and a long wait costs few looks.
     */
    private static final Duration SHORTEST_PAUSE = Duration.ofMillis(1);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(100);
    private final RoutingService routing;
    private final Clock clock;
    private final Duration timeout;

    AckWaiter(RoutingService routing, Clock clock, Duration timeout) {
        this.routing = routing;
        this.clock = clock;
        this.timeout = timeout;
    }

    void readVersion(int version) {
        await("read map v" + version, NodeAck::readVersion, version);
    }

    void writeVersion(int version) {
        await("write map v" + version, NodeAck::writeVersion, version);
    }

    void poolGeneration(int generation) {
        await("pool generation " + generation, NodeAck::poolGeneration, generation);
    }

    private void await(String what, ToIntFunction<NodeAck> seen, int wanted) {
        Instant deadline = clock.instant().plus(timeout);
        long started = System.nanoTime();
        while (true) {
            Instant now = clock.instant();
            List<NodeAck> behind = routing.nodes().stream()
                    .filter(n -> n.isLive(now) && seen.applyAsInt(n) < wanted)
                    .toList();
            if (behind.isEmpty()) {
                return;
            }
            if (now.isAfter(deadline)) {
                throw FlightpathException.failedPrecondition("%d routing node(s) did not acknowledge %s within %s: %s",
                        behind.size(), what, timeout, behind.stream().map(n -> n.nodeId() + " (lease until " + n.leaseUntil() + ")").toList());
            }
            long quarter = (System.nanoTime() - started) / 4;
            Pause.of(Duration.ofNanos(Math.clamp(quarter, SHORTEST_PAUSE.toNanos(), LONGEST_PAUSE.toNanos())));
        }
    }
}
