package io.flightpath.rollout;

import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.FlagNodeStatus;
import io.flightpath.control.api.FlagNodes;
import io.flightpath.control.api.FlagService;
import io.flightpath.core.FlightpathException;
import io.flightpath.flags.Flag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rollout's changes to flags, each followed by a wait until every live node acknowledged the
 * flags version that holds it: only then may the next step rely on it. Nodes whose lease ran out
 * are not waited for (they may be gone); what must hold even on such a node is enforced by the
 * stores themselves (see the README).
 */
final class Nodes {
    static final String BY = "rollout";

    private final FlagService flags;
    private final Duration ackTimeout;
    private final Clock clock;

    Nodes(FlagService flags, Duration ackTimeout, Clock clock) {
        this.flags = flags;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
    }

    FlagService flags() {
        return flags;
    }

    /** The node-wide shape the flag sets now. */
    RolloutShape shape() {
        return RolloutShape.of(flags.find(RolloutShape.FLAG).orElse(null));
    }

    /** Moves every node to {@code shape} (unless the flag says so already) and waits for their acknowledgements. */
    void moveTo(RolloutShape shape, String reason, Consumer<String> notes) {
        if (shape() != shape) {
            flags.rollout(RolloutShape.FLAG, 100, shape.value(), new Attribution(BY, reason));
        }
        awaitAcknowledged(notes);
    }

    /** The services-path flag's percentage now (0 while it has no rollout, 100 when its default is on). */
    double servicesPercent() {
        Optional<Flag> flag = flags.find(Flags.SERVICES_PATH);
        if (flag.isEmpty() || flag.get().killed()) {
            return 0;
        }
        if ("true".equals(flag.get().defaultValue())) {
            return 100;
        }
        return flag.get().rollout() == null ? 0 : flag.get().rollout().percent();
    }

    void servicesTo(double percent, String reason, Consumer<String> notes) {
        if (servicesPercent() != percent) {
            flags.rollout(Flags.SERVICES_PATH, percent, "true", new Attribution(BY, reason));
        }
        awaitAcknowledged(notes);
    }

    /** Waits until every live node evaluates the current flags version; at least one node must. */
    void awaitAcknowledged(Consumer<String> notes) {
        Instant deadline = clock.instant().plus(ackTimeout);
        String last = null;
        while (true) {
            FlagNodes nodes = flags.nodes();
            List<FlagNodeStatus> behind = nodes.behind();
            boolean anyLive = nodes.nodes().stream().anyMatch(FlagNodeStatus::live);
            if (behind.isEmpty() && anyLive) {
                return;
            }
            String why = anyLive ? "nodes not at flags version " + nodes.version() + " yet: " + behind.stream().map(FlagNodeStatus::nodeId).toList()
                    : "no live node acknowledges flags";
            if (clock.instant().isAfter(deadline)) {
                throw FlightpathException.unavailable("%s after %s", why, ackTimeout);
            }
            if (!why.equals(last)) {
                notes.accept("waits: " + why);
                last = why;
            }
            pause(Duration.ofMillis(50));
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlightpathException.unavailable("the rollout was interrupted");
        }
    }

    /** The live nodes behind the current flags version, by id: writers not known to write keys yet. */
    List<String> behind() {
        return flags.nodes().behind().stream().map(FlagNodeStatus::nodeId).toList();
    }
}
