package io.flightpath.bench;

import io.flightpath.core.AccountSid;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** A few accounts the bench spreads its calls over, as real traffic comes from many accounts. */
final class Accounts {
    private final List<AccountSid> sids;

    Accounts(int count) {
        this.sids = Stream.generate(AccountSid::random).limit(count).toList();
    }

    AccountSid any() {
        return sids.get(ThreadLocalRandom.current().nextInt(sids.size()));
    }
}
