package io.flightpath.loadgen;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The read side of the load: half fetches of a random record created so far, half first pages of
 * a random account's calls or messages. Every answer but 2xx counts as an error, since a record
 * the API acknowledged must never be missing, even mid-handoff. Thread-safe.
 */
final class Reader {
    static final int PAGE_SIZE = 50;

    private final PublicApi api;
    private final Ledger ledger;
    private final AccountPicker accounts;

    Reader(PublicApi api, Ledger ledger, AccountPicker accounts) {
        this.api = api;
        this.ledger = ledger;
        this.accounts = accounts;
    }

    void read(RandomGenerator random) {
        Optional<TrackedRecord> known = random.nextBoolean() ? ledger.random(random) : Optional.empty();
        if (known.isPresent()) {
            TrackedRecord r = known.get();
            api.fetch(Operation.FETCH, r.account, r.kind, r.sid);
        } else {
            RecordKind kind = random.nextBoolean() ? RecordKind.CALL : RecordKind.MESSAGE;
            LoadAccount account = accounts.pick(random);
            api.get(Operation.LIST, account, PublicApi.listPath(account, kind, PAGE_SIZE));
        }
    }
}
