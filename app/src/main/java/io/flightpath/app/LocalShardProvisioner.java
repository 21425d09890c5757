package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.FlightpathException;
import io.flightpath.split.workflow.ShardDirectory;

/** New shards of the local cluster: target shardN becomes the cluster's shard N (idempotent). */
final class LocalShardProvisioner implements ShardDirectory.Provisioner {
    private final LocalCluster cluster;
    private final String database;

    LocalShardProvisioner(LocalCluster cluster) {
        this(cluster, StoreAddresses.RECORDS_DB);
    }

    /** New shards whose database is named {@code database}: a split copies a shard's database under its own name. */
    LocalShardProvisioner(LocalCluster cluster, String database) {
        this.cluster = cluster;
        this.database = database;
    }

    @Override
    public ShardAddress provision(String name) {
        if (!name.matches("shard\\d{1,2}")) {
            throw FlightpathException.invalid("a new shard of the local cluster is named shardN, was '%s'", name);
        }
        ServerSpec spec = cluster.addShard(Integer.parseInt(name.substring("shard".length())));
        return new ShardAddress(name, spec.host(), spec.port(), database);
    }
}
