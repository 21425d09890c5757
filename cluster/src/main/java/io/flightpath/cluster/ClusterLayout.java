package io.flightpath.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each server of a local cluster listens: control at the base port, in-flight at base+1,
 * shard N at base+2+N. Server ids and GTID domains are unique per server so that any server can
 * become a replication source without GTID clashes.
 */
public record ClusterLayout(String host, int basePort) {
    public static final int DEFAULT_BASE_PORT = 23300;
    /** Room for this many shards above the base port; a split adds shards inside it. */
    public static final int MAX_SHARDS = 64;

    public ClusterLayout {
        if (basePort < 1024 || basePort + 2 + MAX_SHARDS > 65535) {
            throw new IllegalArgumentException("base port must be 1024.." + (65535 - 2 - MAX_SHARDS) + ", was " + basePort);
        }
        if (basePort <= 3306 && 3306 <= basePort + 2 + MAX_SHARDS) {
            throw new IllegalArgumentException("base port " + basePort + " would overlap port 3306, which belongs to the machine's own MariaDB");
        }
    }

    public ServerSpec control() {
        return new ServerSpec("control", Role.CONTROL, host, basePort, 1, 1);
    }

    public ServerSpec inflight() {
        return new ServerSpec("inflight", Role.INFLIGHT, host, basePort + 1, 2, 2);
    }

    public ServerSpec shard(int index) {
        if (index < 0 || index >= MAX_SHARDS) {
            throw new IllegalArgumentException("shard index must be 0.." + (MAX_SHARDS - 1) + ", was " + index);
        }
        return new ServerSpec("shard" + index, Role.SHARD, host, basePort + 2 + index, 10 + index, 10 + index);
    }

    public List<ServerSpec> servers(int shards) {
        List<ServerSpec> all = new ArrayList<>();
        all.add(control());
        all.add(inflight());
        for (int i = 0; i < shards; i++) {
            all.add(shard(i));
        }
        return all;
    }
}
