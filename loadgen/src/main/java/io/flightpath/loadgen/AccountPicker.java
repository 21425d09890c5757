package io.flightpath.loadgen;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Spreads traffic over the run's accounts with one or two hot ones, each drawing {@value #HOT_WEIGHT}
 * times the traffic of any other, so the post-flight shard holding them is the busy one, as in a
 * real fleet. Immutable.
 */
final class AccountPicker {
    static final int HOT_WEIGHT = 10;

    private final List<LoadAccount> accounts;
    private final int hot;

    AccountPicker(List<LoadAccount> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("no accounts to pick from");
        }
        this.accounts = List.copyOf(accounts);
        // With one account there is nothing to favour; two hot ones only once they stand out.
        this.hot = accounts.size() >= 10 ? 2 : accounts.size() >= 2 ? 1 : 0;
    }

    /** The first {@link #hotCount()} accounts are the hot ones. */
    List<LoadAccount> accounts() {
        return accounts;
    }

    int hotCount() {
        return hot;
    }

    LoadAccount pick(RandomGenerator random) {
        int cold = accounts.size() - hot;
        int ticket = random.nextInt(hot * HOT_WEIGHT + cold);
        return ticket < hot * HOT_WEIGHT ? accounts.get(ticket / HOT_WEIGHT) : accounts.get(hot + ticket - hot * HOT_WEIGHT);
    }
}
