package io.flightpath.flags;

/**
 * Evaluates a flag for an account, in this order: the kill switch forces the default (DISABLED),
 * then the account's explicit value (TARGETING_MATCH), then the rollout when the account's bucket
 * is in (SPLIT), then the default (DEFAULT). For tools and tests; the provider evaluates the same
 * way from flags compiled once per snapshot.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** {@code accountSid} may be null (no targeting key): then only the kill switch and the default apply. */
    public static Evaluation evaluate(Flag flag, String accountSid) {
        return new CompiledFlag(flag, null).evaluation(accountSid);
    }
}
