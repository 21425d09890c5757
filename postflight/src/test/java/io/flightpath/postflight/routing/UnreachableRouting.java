package io.flightpath.postflight.routing;

import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.RoutingVersions;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.ShardMap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The control store as a node cut off from it sees it: every call fails UNAVAILABLE while {@link #down} is set. */
public final class UnreachableRouting implements RoutingService {
    public final AtomicBoolean down = new AtomicBoolean();
    private final RoutingService real;

    public UnreachableRouting(RoutingService real) {
        this.real = real;
    }

    private RoutingService reach() {
        if (down.get()) {
            throw FlightpathException.unavailable("control store unreachable (test)");
        }
        return real;
    }

    @Override
    public RoutingState initialize(List<ShardAddress> shards) {
        return reach().initialize(shards);
    }

    @Override
    public void registerShard(ShardAddress shard) {
        reach().registerShard(shard);
    }

    @Override
    public RoutingState state() {
        return reach().state();
    }

    @Override
    public RoutingState awaitChange(RoutingVersions known, Duration wait) {
        return reach().awaitChange(known, wait);
    }

    @Override
    public RoutingState publish(ShardMap read, ShardMap write, boolean bump, String note) {
        return reach().publish(read, write, bump, note);
    }

    @Override
    public void acknowledge(NodeAck ack) {
        reach().acknowledge(ack);
    }

    @Override
    public List<NodeAck> nodes() {
        return reach().nodes();
    }

    @Override
    public List<ShardMap> history(String kind, int limit) {
        return reach().history(kind, limit);
    }
}
