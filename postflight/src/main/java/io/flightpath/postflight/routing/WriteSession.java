package io.flightpath.postflight.routing;

import io.flightpath.core.AccountSid;
import java.util.function.Function;

/**
 * The shards of one write, all chosen under one write-map version. While a session is open its
 * router does not acknowledge a newer version, so once every node has acknowledged version v no
 * write routed by an older version is still running. Close it when the write is done.
 */
public interface WriteSession extends AutoCloseable {

    /** The shard that takes writes for {@code account}; it must be one the session was opened for. */
    Shard shardOf(AccountSid account);

    @Override
    void close();

    /** A session over a fixed routing function, for routers without map versions. */
    static WriteSession of(Function<AccountSid, Shard> route) {
        return new WriteSession() {
            @Override
            public Shard shardOf(AccountSid account) {
                return route.apply(account);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
