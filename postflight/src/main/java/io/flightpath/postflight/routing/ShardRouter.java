package io.flightpath.postflight.routing;

import io.flightpath.core.AccountSid;
import java.util.Collection;
import java.util.List;

/**
 * Chooses the shard that holds an account's post-flight records. Reads and writes are routed
 * separately: during a split, reads of a key range move to the new shard before writes do.
 * Implementations are thread-safe and cheap to call on every request.
 */
public interface ShardRouter {
    Shard forRead(AccountSid account);

    /**
     * Routes one write touching {@code accounts}. May wait while a range is frozen for a move, and
     * fails UNAVAILABLE (retryable) when the router cannot confirm its maps.
     */
    WriteSession openWrite(Collection<AccountSid> accounts);

    /** Every shard the router may return, for work that spans shards (migrations, health). */
    List<Shard> shards();
}
