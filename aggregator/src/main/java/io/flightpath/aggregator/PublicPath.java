package io.flightpath.aggregator;

import io.flightpath.billing.api.BillingService;
import io.flightpath.core.AccountSid;

/**
 * One code path the public API can serve an account through: its calls, messages and usage.
 * The legacy shape has one path; during the rollout an account flag chooses between two.
 */
public record PublicPath(String name, Calls calls, Messages messages, BillingService billing) {

    /** Chooses the path of each request's account; called once per request, so it must be cheap. */
    @FunctionalInterface
    public interface Chooser {
        PublicPath forAccount(AccountSid account);

        static Chooser only(PublicPath path) {
            return account -> path;
        }
    }
}
