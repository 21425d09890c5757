package io.flightpath.postflight.routing;

import io.flightpath.core.AccountSid;
import java.util.Collection;
import java.util.List;

/** Every account on one shard: the unsharded starting point and the legacy database's shape. */
public final class SingleShardRouter implements ShardRouter {
    private final Shard shard;

    public SingleShardRouter(Shard shard) {
        this.shard = shard;
    }

    @Override
    public Shard forRead(AccountSid account) {
        return shard;
    }

    @Override
    public WriteSession openWrite(Collection<AccountSid> accounts) {
        return WriteSession.of(account -> shard);
    }

    @Override
    public List<Shard> shards() {
        return List.of(shard);
    }
}
