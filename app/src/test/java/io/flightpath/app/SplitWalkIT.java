package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.http.SplitRegistryHttpClient;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.http.ServiceClient;
import io.flightpath.loadgen.LoadConfig;
import io.flightpath.loadgen.LoadGenerator;
import io.flightpath.loadgen.LoadReport;
import io.flightpath.loadgen.Progress;
import io.flightpath.loadgen.ProgressLine;
import io.flightpath.postflight.schema.KeyedTables;
import io.flightpath.split.replication.Checksums;
import io.flightpath.split.replication.RangeChecksum;
import io.flightpath.split.replication.ShardServer;
import io.flightpath.split.replication.TableChecksum;
import io.flightpath.split.workflow.ShardDirectory;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through as one test, through the code a user runs: a local cluster of its own
 * with one shard, every service with the real HTTP API, the load generator at a steady rate all
 * along, and the `split` and `isolate` commands in this process: shard0 gives its upper half to
 * shard1, both halve again (shard2, shard3), and the account with most records moves to shard4.
 * The load's report must say 0 failed, 0 lost, 0 doubled; afterwards every shard holds exactly
 * the ranges both maps give it, every record is on exactly one shard, and every table a split
 * deleted rows from was rebuilt smaller than it was before.
 */
class SplitWalkIT {
    // the record tables: the walk deletes no record, so the usage ledger stays empty and has nothing to shrink
    private static final List<String> TABLES = KeyedTables.RECORDS.names();

    @TempDir
    Path home;

    /** One split as the test planned it: what its source held before, inside and outside the range, per table. */
    private record Planned(String source, String target, KeyRange range, Map<String, Long> inside, Map<String, Long> outside) {
    }

    @Test
    void oneShardBecomesFourAndTheBusiestAccountGetsAFifthUnderLoadWithNothingLostDoubledOrFailed() throws Exception {
        LocalCluster cluster = new LocalCluster(home, line -> { });
        try {
            cluster.up("127.0.0.1", SharedCluster.freeBasePort(), 1);
            String token = LocalSecrets.internalToken(home);
            Settings settings = Settings.of(Map.of("api.listen", "127.0.0.1:0", "control.listen", "127.0.0.1:0",
                    "inflight.listen", "127.0.0.1:0", "postflight.listen", "127.0.0.1:0", "billing.listen", "127.0.0.1:0", "console.listen", "127.0.0.1:0"));
            try (ServiceStack stack = ServiceStack.embedded(StoreAddresses.of(cluster, 16), settings, token, Clock.systemUTC())) {
                walk(stack, cluster, token);
            }
        } finally {
            cluster.destroy();
        }
    }

    private void walk(ServiceStack stack, LocalCluster cluster, String token) throws Exception {
        RoutingService routing = stack.routingService();
        DbCredentials login = cluster.credentials();
        ShardDirectory shards = new ShardDirectory(routing, name -> {
            throw FlightpathException.invalid("the test provisions no shard itself: %s", name);
        }, login.user(), login.password());
        LoadConfig config = LoadConfig.builder(stack.uri(Service.API), stack.uri(Service.INFLIGHT), stack.uri(Service.CONTROL), token)
                .accounts(100) // two hot ones, and so many cold ones that every quarter of the keyspace holds a fair share
                .callsPerSecond(20)
                .messagesPerSecond(20)
                .duration(Duration.ofMinutes(10)) // ended once the last split is done
                .verifyTimeout(Duration.ofSeconds(90))
                .build();
        String[] remote = {"--home", home.toString(), "--control", stack.uri(Service.CONTROL).toString(), "--token", token};

        List<Planned> walk = new ArrayList<>();
        String busiest;
        LoadReport report;
        try (BackgroundLoad load = new BackgroundLoad(config)) {
            // enough rows before the first split that every range a split moves spans several pages (16 KiB),
            // and few enough that no table grows past 1 MiB, above which InnoDB's files grow by whole extents
            load.awaitCreated(1500);

            walk.add(split(shards, routing, load, remote, "shard0", "shard1", "8000000000000000"));
            walk.add(split(shards, routing, load, remote, "shard0", "shard2", "4000000000000000"));
            walk.add(split(shards, routing, load, remote, "shard1", "shard3", "c000000000000000"));
            busiest = busiestAccount(shards, routing.state());
            long key = ShardKey.of(AccountSid.parse(busiest));
            walk.add(plan(shards, routing.state().write().lookup(key).shard(), "shard4", KeyRange.of(key)));
            load.during(remote, "isolate", "--account", busiest, "--target", "shard4");

            report = load.stop();
        }
        System.out.println(report.toJson());
        assertThat(report.failedRequests()).as(report.toJson()).isZero();
        assertThat(report.records().lost()).as(report.toJson()).isZero();
        assertThat(report.records().duplicated()).as(report.toJson()).isZero();
        assertThat(report.records().wrongStatus()).as(report.toJson()).isZero();
        assertThat(report.passed()).isTrue();

        RoutingState state = routing.state();
        ShardMap expected = ShardMap.initial("shard0")
                .assign(KeyRange.parse("8000000000000000-ffffffffffffffff"), "shard1", false)
                .assign(KeyRange.parse("4000000000000000-7fffffffffffffff"), "shard2", false)
                .assign(KeyRange.parse("c000000000000000-ffffffffffffffff"), "shard3", false)
                .assign(KeyRange.of(ShardKey.of(AccountSid.parse(busiest))), "shard4", false);
        assertThat(state.write().entries()).as("write map").isEqualTo(expected.entries());
        assertThat(state.read().entries()).as("read map").isEqualTo(expected.entries());
        assertThat(state.shards()).extracting(s -> s.name()).containsExactlyInAnyOrder("shard0", "shard1", "shard2", "shard3", "shard4");

        // every record the load created ends on exactly one shard, the one the maps give its account
        long created = report.records().callsCreated() + report.records().messagesCreated();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(totalRows(shards, state)).as("rows on all shards, once each").isEqualTo(created));
        for (String shard : state.write().shards()) {
            List<KeyRange> elsewhere = state.write().entries().stream()
                    .filter(e -> !e.shard().equals(shard)).map(ShardMap.Entry::range).toList();
            Checksums foreign = shards.require(shard).onDatabase("counting foreign rows", c -> RangeChecksum.of(c, KeyedTables.POSTFLIGHT, elsewhere));
            assertThat(foreign.rows()).as("rows on %s outside its ranges %s", shard, state.write().rangesOf(shard)).isZero();
        }
        assertThat(rowsOf(shards.require("shard4"), busiest)).as("the busiest account on its own shard").isPositive();

        assertSplitsDoneAndTablesShrank(new SplitRegistryHttpClient(new ServiceClient("control", stack.uri(Service.CONTROL), token,
                Duration.ofSeconds(10))).list(50), walk);
    }

    private static Planned split(ShardDirectory shards, RoutingService routing, BackgroundLoad load, String[] remote,
                                 String source, String target, String at) {
        long start = ShardKey.parseHex(at);
        Planned planned = plan(shards, source, target, new KeyRange(start, routing.state().write().lookup(start).range().end()));
        load.during(remote, "split", "--source", source, "--target", target, "--at", at);
        return planned;
    }

    /** Counts what the source holds inside and outside the range now: each side deletes at least that much. */
    private static Planned plan(ShardDirectory shards, String source, String target, KeyRange range) {
        ShardServer server = shards.require(source);
        return new Planned(source, target, range, perTable(RangeChecksum.inside(server, range)),
                perTable(RangeChecksum.outside(server, range)));
    }

    private static Map<String, Long> perTable(Checksums sums) {
        Map<String, Long> rows = new HashMap<>();
        for (TableChecksum t : sums.tables()) {
            rows.put(t.table(), t.rows());
        }
        return rows;
    }

    /** The account with most post-flight rows, over every shard. */
    private static String busiestAccount(ShardDirectory shards, RoutingState state) {
        Map<String, Long> rows = new HashMap<>();
        for (String shard : state.write().shards()) {
            shards.require(shard).onDatabase("counting rows per account", c -> {
                for (String table : TABLES) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT account_sid, COUNT(*) FROM " + table + " GROUP BY account_sid");
                         ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.merge(rs.getString(1), rs.getLong(2), Long::sum);
                        }
                    }
                }
                return null;
            });
        }
        return rows.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static long rowsOf(ShardServer shard, String account) {
        return shard.onDatabase("counting an account's rows", c -> {
            long n = 0;
            for (String table : TABLES) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE account_sid = ?")) {
                    ps.setString(1, account);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n += rs.getLong(1);
                    }
                }
            }
            return n;
        });
    }

    private static long totalRows(ShardDirectory shards, RoutingState state) {
        long total = 0;
        for (String shard : state.write().shards()) {
            total += RangeChecksum.inside(shards.require(shard), KeyRange.FULL).rows();
        }
        return total;
    }

    /**
     * Each split is done, and on each side both tables had rows to delete (counted on the source
     * before the split: the range's rows leave the source, all others leave the target's copy) and
     * are smaller after the rebuild than the size the split recorded before it.
     */
    private static void assertSplitsDoneAndTablesShrank(List<SplitRecord> records, List<Planned> walk) {
        assertThat(records).hasSize(walk.size());
        List<SplitRecord> inOrder = records.stream().sorted(Comparator.comparingLong(SplitRecord::id)).toList();
        for (int i = 0; i < walk.size(); i++) {
            Planned planned = walk.get(i);
            SplitRecord done = inOrder.get(i);
            assertThat(done.state()).as("split %d", done.id()).isEqualTo(State.DONE);
            assertThat(List.of(done.source(), done.target(), done.range()))
                    .isEqualTo(List.of(planned.source(), planned.target(), planned.range()));
            for (String table : TABLES) {
                assertShrank(done, planned.source(), table, planned.inside().get(table));
                assertShrank(done, planned.target(), table, planned.outside().get(table));
            }
        }
    }

    private static void assertShrank(SplitRecord split, String shard, String table, long rowsToDelete) {
        String key = "rebuild." + shard + "." + table;
        long before = Long.parseLong(split.outputs().get(key + ".before_bytes"));
        long after = Long.parseLong(split.outputs().get(key + ".after_bytes"));
        System.out.printf("split %d: %s on %s %d -> %d bytes, at least %d rows deleted%n", split.id(), table, shard, before, after,
                rowsToDelete);
        assertThat(rowsToDelete).as("rows of %s that split %d deletes on %s", table, split.id(), shard).isPositive();
        assertThat(after).as("%s of split %d on %s: %d bytes before the rebuild, at least %d rows deleted", table, split.id(), shard,
                before, rowsToDelete).isLessThan(before);
    }
}
