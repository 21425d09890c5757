package io.flightpath.console;

import io.flightpath.control.api.AccountService;
import io.flightpath.control.api.FlagService;
import io.flightpath.control.api.RolloutRegistry;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.postflight.api.ShardInventory;
import java.net.URI;

/**
 * What the console reads, each through its service's interface (in-process or the admin API's
 * HTTP clients): accounts to check sign-ins, the public API for an account's records, the control
 * store's maps, splits (with what a running one reports), flags and rollouts, what each shard
 * holds from the post-flight service (null when no post-flight service is known), the services'
 * metrics, and Shadow's report (null when there is none).
 */
public record Operations(AccountService accounts, URI publicApi, RoutingService routing, SplitRegistry splits, ShardInventory shards,
                         FlagService flags, RolloutRegistry rollouts, Traffic traffic, URI shadowReport) {
}
