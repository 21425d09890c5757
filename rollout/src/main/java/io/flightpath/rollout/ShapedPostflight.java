package io.flightpath.rollout;

import io.flightpath.postflight.api.ForwardingPostflightService;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.postflight.api.ShardInventory;
import io.flightpath.postflight.api.ShardStats;
import java.util.List;
import java.util.function.Supplier;

/**
 * The post-flight service of a node in the legacy shape, by the node's shape: the legacy tables'
 * finished rows, then (SHARD_ROUTER) the shard router, whose shard0 is the same tables, keyed.
 * The routed store is asked for only once the node reached that shape (it opens the router).
 */
public final class ShapedPostflight extends ForwardingPostflightService implements ShardInventory {
    private final ShapeSwitch shape;
    private final PostflightService legacy;
    private final Supplier<PostflightService> routed;

    public ShapedPostflight(ShapeSwitch shape, PostflightService legacy, Supplier<PostflightService> routed) {
        this.shape = shape;
        this.legacy = legacy;
        this.routed = routed;
    }

    /** {@inheritDoc} None before the shard router: the legacy tables are no shard yet. */
    @Override
    public List<ShardStats> shardStats() {
        return delegate() instanceof ShardInventory inventory ? inventory.shardStats() : List.of();
    }

    /** The legacy tables' store until the node reached the shard router, the router after. */
    @Override
    protected PostflightService delegate() {
        return shape.now().atLeast(RolloutShape.SHARD_ROUTER) ? routed.get() : legacy;
    }
}
