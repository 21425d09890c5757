package io.flightpath.postflight.routing;

import io.flightpath.core.AccountSid;
import io.flightpath.store.SqlWork;
import java.util.Collection;
import java.util.List;

/**
 * Chooses the shard that holds an account's post-flight records. Reads and writes are routed
 * separately: during a split, reads of a key range move to the new shard before writes do.
 * Implementations are thread-safe and cheap to call on every request.
 */
public interface ShardRouter {
    /** The shard the read map sends {@code account}'s reads to. */
    Shard forRead(AccountSid account);

    /**
     * Runs {@code work} on the shard that answers {@code account}'s reads; an implementation may
     * choose another shard than {@link #forRead} when that one could miss an acknowledged write.
     */
    default <R> R read(AccountSid account, SqlWork<R> work) {
        return forRead(account).database().read(work);
    }

    /**
     * Routes one write touching {@code accounts}. May wait while a range is frozen for a move, and
     * fails UNAVAILABLE (retryable) when the router has no maps yet.
     */
    WriteSession openWrite(Collection<AccountSid> accounts);

    /** Every shard the router may return, for work that spans shards (migrations, health). */
    List<Shard> shards();
}
