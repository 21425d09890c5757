package io.flightpath.split.workflow;

import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.FlightpathException;
import io.flightpath.postflight.schema.KeyedTables;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.split.replication.ShardServer;
import java.util.Optional;

/**
 * Finds shard servers by name for the split's administrative connections: registered shards from
 * the control store, and a new target provisioned (a local server, or a given address) and then
 * registered. Every shard has the same keyed tables.
 */
public final class ShardDirectory {

    /** Brings up a server for a new shard and says where it is. */
    @FunctionalInterface
    public interface Provisioner {
        ShardAddress provision(String name);
    }

    private final RoutingService routing;
    private final Provisioner provisioner;
    private final String user;
    private final String password;
    private final KeyedTables keyedTables;

    public ShardDirectory(RoutingService routing, Provisioner provisioner, String user, String password, KeyedTables keyedTables) {
        this.routing = routing;
        this.provisioner = provisioner;
        this.user = user;
        this.password = password;
        this.keyedTables = keyedTables;
    }

    /** Shards of the post-flight schema, whose keyed tables are {@link KeyedTables#POSTFLIGHT}. */
    public ShardDirectory(RoutingService routing, Provisioner provisioner, String user, String password) {
        this(routing, provisioner, user, password, KeyedTables.POSTFLIGHT);
    }

    public Optional<ShardServer> find(String name) {
        return routing.state().shards().stream().filter(s -> s.name().equals(name)).findFirst().map(this::server);
    }

    public ShardServer require(String name) {
        return find(name).orElseThrow(() -> FlightpathException.invalid("no shard named %s is registered", name));
    }

    /** The target, provisioned and registered the first time; idempotent. */
    public ShardServer ensure(String name) {
        Optional<ShardServer> known = find(name);
        if (known.isPresent()) {
            return known.get();
        }
        ShardAddress address = provisioner.provision(name);
        routing.registerShard(address);
        return server(address);
    }

    private ShardServer server(ShardAddress a) {
        return new ShardServer(a.name(), new DatabaseConfig(a.host(), a.port(), a.database(), user, password, 1), keyedTables);
    }
}
