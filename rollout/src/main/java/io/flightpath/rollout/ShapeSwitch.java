package io.flightpath.rollout;

import io.flightpath.flags.FlagNode;
import io.flightpath.flags.FlagSnapshot;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving node's shape, followed from its flags node: before the node acknowledges a version
 * that moves it to a later shape, the work that shape needs on this node is done (a router opened,
 * the writers switched to keyed rows), so an acknowledgement means the node is in that shape.
 * Requests read {@link #now()}: a volatile read, no evaluation per request.
 */
public final class ShapeSwitch implements FlagNode.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ShapeSwitch.class);

    private final Map<RolloutShape, Runnable> onReach = new EnumMap<>(RolloutShape.class);
    private final String node;
    private volatile RolloutShape current = RolloutShape.LEGACY;

    public ShapeSwitch(String node) {
        this.node = node;
    }

    /** Work to do once, when this node first reaches {@code shape} (or a later one); idempotent work only. */
    public ShapeSwitch onReach(RolloutShape shape, Runnable work) {
        onReach.put(shape, work);
        return this;
    }

    /** Follows {@code flags} from its current snapshot on; call before the node serves. */
    public ShapeSwitch follow(FlagNode flags) {
        adopting(flags.snapshot());
        flags.addListener(this);
        return this;
    }

    public RolloutShape now() {
        return current;
    }

    @Override
    public void adopting(FlagSnapshot next) {
        RolloutShape shape = RolloutShape.of(next);
        if (shape == current) {
            return;
        }
        for (Map.Entry<RolloutShape, Runnable> e : onReach.entrySet()) {
            if (shape.atLeast(e.getKey()) && !current.atLeast(e.getKey())) {
                e.getValue().run();
            }
        }
        LOG.info("node {} moves from shape {} to {} (flags version {})", node, current, shape, next.version());
        current = shape;
    }
}
