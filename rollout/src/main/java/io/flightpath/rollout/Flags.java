package io.flightpath.rollout;

import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.FlagService;
import java.util.List;

/** The two flags the rollout moves: the node-wide shape, and the per-account choice of path. */
public final class Flags {
    /** The account flag that sends an account through the services path; the public API's ServicesPathFlag reads it. */
    public static final String SERVICES_PATH = "services-path";

    private Flags() {
    }

    /** Creates the flags the rollout needs, unless they exist. */
    static void ensure(FlagService flags) {
        Attribution by = new Attribution(Nodes.BY, "the rollout's flags");
        if (flags.find(RolloutShape.FLAG).isEmpty()) {
            flags.create(RolloutShape.FLAG, "where the serving nodes stand on the rollout from the legacy shape (set by `flightpath rollout`)",
                    RolloutShape.variants(), RolloutShape.LEGACY.value(), by);
        }
        if (flags.find(SERVICES_PATH).isEmpty()) {
            flags.create(SERVICES_PATH, "serve the account through the services instead of the legacy path", List.of(), "false", by);
        }
    }
}
