package io.flightpath.bench;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.store.DatabaseConfig;
import java.net.URI;

/**
 * Every Flightpath service in one process behind the public API, as a bench that compares two
 * stacks needs them. The composition root (app) provides it, so the benches do not wire services.
 */
public interface ApiStack extends AutoCloseable {
    /** The public API. */
    URI api();

    /** The control database, where the accounts live. */
    DatabaseConfig controlDatabase();

    AccountCredentials createAccount(String friendlyName);

    /** The web console. */
    URI console();

    /** The database of post-flight shard0, where a bench seeds history. */
    DatabaseConfig shard0Database();

    /** Stops the services; the databases stay. */
    @Override
    void close();

    /** Starts a stack on databases of its own, named by {@code prefix}, on a local cluster and on free ports. */
    @FunctionalInterface
    interface Starter {
        ApiStack start(LocalCluster cluster, String prefix, String token);
    }
}
