package io.flightpath.app;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import io.flightpath.aggregator.PublicPath;
import io.flightpath.core.AccountSid;
import io.flightpath.rollout.Flags;

/**
 * The rollout's switch, per account: the account flag {@value #NAME} on sends the account's
 * requests through the services path, off (the default, and the answer while the flag does not
 * exist) through the legacy path. Evaluated in memory from this node's flags snapshot.
 */
final class ServicesPathFlag implements PublicPath.Chooser {
    static final String NAME = Flags.SERVICES_PATH;

    private final Client flags;
    private final PublicPath legacy;
    private final PublicPath services;

    ServicesPathFlag(Client flags, PublicPath legacy, PublicPath services) {
        this.flags = flags;
        this.legacy = legacy;
        this.services = services;
    }

    @Override
    public PublicPath forAccount(AccountSid account) {
        return flags.getBooleanValue(NAME, false, new ImmutableContext(account.value())) ? services : legacy;
    }
}
