package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.bench.ApiStack;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.store.DatabaseConfig;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Every Flightpath service in this process, as `flightpath up` wires them, on databases of their
 * own (named by a prefix) on a local cluster and on free ports: the stacks the benches compare.
 * Close it to stop the services; the databases stay.
 */
final class EmbeddedStack implements ApiStack {
    private final ServiceStack stack;
    private final DatabaseConfig control;
    private final DatabaseConfig shard0;

    private EmbeddedStack(ServiceStack stack, DatabaseConfig control, DatabaseConfig shard0) {
        this.stack = stack;
        this.control = control;
        this.shard0 = shard0;
    }

    /**
     * Starts the services on databases {@code prefix_control}, {@code prefix_inflight} and
     * {@code prefix_records_SHARD}. The store owners' accounts may use only the stores' own
     * database names, so a bench's stacks log in as the cluster's administrator: they run on a
     * throwaway cluster of their own.
     */
    static EmbeddedStack start(LocalCluster cluster, String prefix, String token) {
        StoreAddresses base = StoreAddresses.of(cluster, 16);
        DbCredentials admin = cluster.credentials();
        DatabaseConfig control = base.control().withDatabase(prefix + "_control").withLogin(admin.user(), admin.password());
        Map<String, DatabaseConfig> shards = new HashMap<>();
        base.shards().forEach((name, db) -> shards.put(name,
                db.withDatabase(prefix + "_records_" + name).withLogin(admin.user(), admin.password())));
        StoreAddresses stores = new StoreAddresses(control,
                base.inflight().withDatabase(prefix + "_inflight").withLogin(admin.user(), admin.password()), shards);
        Settings settings = Settings.of(Map.of("api.listen", "127.0.0.1:0", "control.listen", "127.0.0.1:0",
                "inflight.listen", "127.0.0.1:0", "postflight.listen", "127.0.0.1:0", "billing.listen", "127.0.0.1:0", "console.listen", "127.0.0.1:0"));
        return new EmbeddedStack(ServiceStack.embedded(stores, settings, token, Clock.systemUTC()), control, shards.get("shard0"));
    }

    @Override
    public URI api() {
        return stack.uri(Service.API);
    }

    @Override
    public DatabaseConfig controlDatabase() {
        return control;
    }

    @Override
    public AccountCredentials createAccount(String friendlyName) {
        return stack.accounts().create(friendlyName);
    }

    @Override
    public URI console() {
        return stack.uri(Service.CONSOLE);
    }

    @Override
    public DatabaseConfig shard0Database() {
        return shard0;
    }

    @Override
    public void close() {
        stack.close();
    }
}
