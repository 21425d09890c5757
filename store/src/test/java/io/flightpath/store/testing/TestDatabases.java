package io.flightpath.store.testing;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.store.DatabaseConfig;
import java.util.concurrent.atomic.AtomicInteger;

/** Database settings on the shared test cluster, each with a name of its own so that tests never share rows. */
public final class TestDatabases {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestDatabases() {
    }

    /** A database that no other test uses, on the named server of {@link SharedCluster}. */
    public static DatabaseConfig fresh(String server, String prefix) {
        ServerSpec spec = SharedCluster.server(server);
        DbCredentials login = SharedCluster.credentials();
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        return new DatabaseConfig(spec.host(), spec.port(), name, login.user(), login.password(), 8);
    }
}
