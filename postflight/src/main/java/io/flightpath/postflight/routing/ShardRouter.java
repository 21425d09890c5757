package io.flightpath.postflight.routing;

import io.flightpath.core.AccountSid;
import java.util.List;

/**
 * Chooses the shard that holds an account's post-flight records. Reads and writes are routed
 * separately: during a split, reads of a key range move to the new shard before writes do.
 * Implementations are thread-safe and cheap to call on every request.
 */
public interface ShardRouter {
    Shard forRead(AccountSid account);

    Shard forWrite(AccountSid account);

    /** Every shard the router may return, for work that spans shards (migrations, health). */
    List<Shard> shards();
}
