package io.flightpath.flags;

import dev.openfeature.sdk.Reason;

/**
 * Evaluates a flag for an account, in this order: the kill switch forces the default (DISABLED),
 * then the account's explicit value (TARGETING_MATCH), then the rollout when the account's bucket
 * is in (SPLIT), then the default (DEFAULT). Pure and allocation-light: it runs on the request path.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** {@code accountSid} may be null (no targeting key): then only the kill switch and the default apply. */
    public static Evaluation evaluate(Flag flag, String accountSid) {
        if (flag.killed()) {
            return new Evaluation(flag.defaultValue(), Reason.DISABLED);
        }
        if (accountSid != null && !accountSid.isEmpty()) {
            String explicit = flag.accounts().get(accountSid);
            if (explicit != null) {
                return new Evaluation(explicit, Reason.TARGETING_MATCH);
            }
            Rollout rollout = flag.rollout();
            if (rollout != null && Bucketing.bucket(flag.name(), accountSid) < rollout.threshold()) {
                return new Evaluation(rollout.value(), Reason.SPLIT);
            }
        }
        return new Evaluation(flag.defaultValue(), Reason.DEFAULT);
    }
}
