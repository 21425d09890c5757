package io.flightpath.bench;

import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.RoutingVersions;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.sharding.ShardMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * When each map publication committed (its publish call returned) and when each routing node's
 * acknowledgements were recorded, both seen through {@link #observe}d routing services: the time
 * from a publication to the last node acknowledging it, or a later state. Thread-safe.
 */
final class MapPropagation {
    /** A publication (no node id; {@code frozen}: its write map holds a range's writes) or an acknowledgement. */
    private record Event(String nodeId, RoutingVersions versions, boolean frozen, long atNanos) {
    }

    /** One publication's versions and the time to its last acknowledgement, in milliseconds. */
    record Propagated(RoutingVersions versions, double millis) {
    }

    /**
     * Publication to last acknowledgement: each publication in order, the times in milliseconds
     * sorted; and the count of nodes they waited for.
     */
    record Figures(List<Propagated> each, double[] millis, int nodes) {
        double at(double quantile) {
            if (millis.length == 0) {
                return Double.NaN;
            }
            return millis[Math.max(0, (int) Math.ceil(quantile * millis.length) - 1)];
        }

        double max() {
            return millis.length == 0 ? Double.NaN : millis[millis.length - 1];
        }
    }

    private final Queue<Event> publications = new ConcurrentLinkedQueue<>();
    private final Queue<Event> acks = new ConcurrentLinkedQueue<>();

    /** {@code routing} as it is, with its publications or acknowledgements recorded here. */
    RoutingService observe(RoutingService routing) {
        return new Observed(routing);
    }

    /**
     * For each publication, the time until every node had acknowledged its versions or later. An
     * acknowledgement recorded before the publish call returned (the node was woken by the commit
     * and was quicker than the publisher) counts as 0.
     */
    Figures figures() {
        Map<String, List<Event>> byNode = acks.stream().collect(Collectors.groupingBy(Event::nodeId));
        List<Propagated> all = new ArrayList<>();
        for (Event p : publications) {
            long last = Long.MIN_VALUE;
            boolean everyNode = true;
            for (List<Event> nodeAcks : byNode.values()) {
                long first = nodeAcks.stream().filter(a -> covers(a.versions(), p.versions())).mapToLong(Event::atNanos).min()
                        .orElse(Long.MAX_VALUE);
                everyNode &= first != Long.MAX_VALUE;
                last = Math.max(last, first);
            }
            if (everyNode && !byNode.isEmpty()) {
                all.add(new Propagated(p.versions(), Math.max(0, last - p.atNanos()) / 1e6));
            }
        }
        double[] sorted = all.stream().mapToDouble(Propagated::millis).toArray();
        Arrays.sort(sorted);
        return new Figures(List.copyOf(all), sorted, byNode.size());
    }

    /**
     * How long writes of a moving range stayed frozen, from the publication that froze them to the
     * one that unfroze them, in milliseconds (the first such window); empty when none was seen. A
     * write arriving just after a node took the freeze waits about this long.
     */
    OptionalDouble frozenMillis() {
        Long frozeAt = null;
        for (Event p : publications) {
            if (p.frozen() && frozeAt == null) {
                frozeAt = p.atNanos();
            } else if (!p.frozen() && frozeAt != null) {
                return OptionalDouble.of((p.atNanos() - frozeAt) / 1e6);
            }
        }
        return OptionalDouble.empty();
    }

    /** How many publications were recorded, acknowledged by every node or not. */
    int publications() {
        return publications.size();
    }

    private static boolean covers(RoutingVersions acked, RoutingVersions published) {
        return acked.read() >= published.read() && acked.write() >= published.write()
                && acked.poolGeneration() >= published.poolGeneration();
    }

    private final class Observed implements RoutingService {
        private final RoutingService real;

        Observed(RoutingService real) {
            this.real = real;
        }

        @Override
        public RoutingState initialize(List<ShardAddress> shards) {
            return real.initialize(shards);
        }

        @Override
        public void registerShard(ShardAddress shard) {
            real.registerShard(shard);
        }

        @Override
        public RoutingState state() {
            return real.state();
        }

        @Override
        public RoutingState awaitChange(RoutingVersions known, Duration wait) {
            return real.awaitChange(known, wait);
        }

        @Override
        public RoutingState publish(ShardMap read, ShardMap write, boolean bumpPoolGeneration, String note) {
            RoutingState published = real.publish(read, write, bumpPoolGeneration, note);
            boolean frozen = published.write().entries().stream().anyMatch(ShardMap.Entry::frozen);
            publications.add(new Event(null, published.versions(), frozen, System.nanoTime()));
            return published;
        }

        @Override
        public void acknowledge(NodeAck ack) {
            real.acknowledge(ack);
            acks.add(new Event(ack.nodeId(), new RoutingVersions(ack.readVersion(), ack.writeVersion(), ack.poolGeneration()),
                    false, System.nanoTime()));
        }

        @Override
        public List<NodeAck> nodes() {
            return real.nodes();
        }

        @Override
        public List<ShardMap> history(String kind, int limit) {
            return real.history(kind, limit);
        }
    }
}
