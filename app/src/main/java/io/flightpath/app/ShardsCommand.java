package io.flightpath.app;

import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.control.api.NodeAck;
import io.flightpath.split.replication.RangeStats;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.http.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The post-flight routing: both maps with their versions, the shards, and what each node acknowledged. */
@Command(name = "shards", mixinStandardHelpOptions = true,
        description = "Print the read and write maps (key ranges in hex), the shards and each routing node's acknowledged versions.")
final class ShardsCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions options;

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Option(names = "--counts", description = "Count rows and accounts per range of the read map (local cluster: the post-flight account's connections to each shard).")
    boolean counts;

    @Mixin
    ControlOptions remote;

    @Override
    public Integer call() throws Exception {
        RoutingService routing = remote.routing(options.home.toAbsolutePath().normalize());
        RoutingState state = routing.state();
        Map<ShardMap.Entry, RangeStats> stats = new LinkedHashMap<>();
        if (counts) {
            DbCredentials login = options.cluster().credentials(DbAccount.POSTFLIGHT);
            ShardDirectory shards = new ShardDirectory(routing, name -> {
                throw FlightpathException.invalid("no shard %s", name);
            }, login.user(), login.password());
            for (ShardMap.Entry e : state.read().entries()) {
                stats.put(e, RangeStats.of(shards.require(e.shard()), e.range()));
            }
        }
        List<NodeAck> nodes = routing.nodes();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("read", describe(state.read(), stats));
            out.put("write", describe(state.write(), Map.of()));
            out.put("pool_generation", state.poolGeneration());
            out.put("shards", state.shards());
            out.put("nodes", nodes);
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
        print("read", state.read(), stats);
        print("write", state.write(), Map.of());
        System.out.println("shards (pool generation " + state.poolGeneration() + ")");
        for (ShardAddress s : state.shards()) {
            System.out.printf("  %-10s %s:%d/%s%n", s.name(), s.host(), s.port(), s.database());
        }
        System.out.println("routing nodes");
        Instant now = Instant.now();
        for (NodeAck n : nodes) {
            System.out.printf("  %-40s read v%-4d write v%-4d generation %-4d %s%n", n.nodeId(), n.readVersion(), n.writeVersion(),
                    n.poolGeneration(), n.isLive(now) ? "live" : "lease expired " + n.leaseUntil());
        }
        return 0;
    }

    private static List<Map<String, Object>> describe(ShardMap map, Map<ShardMap.Entry, RangeStats> stats) {
        return map.entries().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", map.version());
            m.put("range", e.range().toString());
            m.put("shard", e.shard());
            m.put("frozen", e.frozen());
            if (stats.containsKey(e)) {
                m.put("rows", stats.get(e).rows());
                m.put("accounts", stats.get(e).accounts());
            }
            return m;
        }).toList();
    }

    private static void print(String kind, ShardMap map, Map<ShardMap.Entry, RangeStats> stats) {
        System.out.println(kind + " map v" + map.version());
        for (ShardMap.Entry e : map.entries()) {
            RangeStats st = stats.get(e);
            System.out.printf("  %s  %-10s%s%s%n", e.range(), e.shard(),
                    st == null ? "" : String.format("  %,d rows  %,d accounts", st.rows(), st.accounts()),
                    e.frozen() ? "  (frozen: moving)" : "");
        }
    }
}
