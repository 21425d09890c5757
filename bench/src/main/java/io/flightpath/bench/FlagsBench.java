package io.flightpath.bench;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.ContextEvaluator;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import io.flightpath.control.api.Attribution;
import io.flightpath.control.http.ControlHttpServer;
import io.flightpath.control.http.FlagHttpClient;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbFlagStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.core.AccountSid;
import io.flightpath.flags.Bucketing;
import io.flightpath.flags.FlagNode;
import io.flightpath.flags.FlagNodeConfig;
import io.flightpath.flags.FlightpathProvider;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.flightpath.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * Account flags: (1) the time from a committed change to the last node's acknowledgement of it,
 * with three nodes following the control service's admin API over HTTP with the default poll and
 * lease, as `serve` processes do; (2) the cost of one boolean evaluation through the OpenFeature
 * client with Flightpath's provider beside the SDK's own InMemoryProvider (a static on/off flag,
 * which evaluates no rule) and, for the rollout, beside the same rule written by hand in the
 * InMemoryProvider's context evaluator, in alternating slices: for a flag without rules, for a
 * rollout over a working set of accounts (buckets cached; the same contexts again, then a new
 * context from the SID parsed anew each call) and for a rollout where every evaluation is a new
 * account (every bucket hashed).
 */
public final class FlagsBench {
    private static final String TOKEN = "bench-flags-token";
    private static final String FLAG = "services-path";
    private static final String PLAIN = "plain";

    public record Options(int changes, int warmupChanges, int nodes, Duration evaluationWarmup, Duration slice, int slices) {
        public static Options defaults() {
            return new Options(200, 10, 3, Duration.ofSeconds(3), Duration.ofSeconds(1), 10);
        }

        public Options withChanges(int n) {
            return new Options(n, warmupChanges, nodes, evaluationWarmup, slice, slices);
        }
    }

    /** When each node acknowledged which version: the listener side of the propagation measurement. */
    private static final class Acks implements FlagNode.Listener {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition moved = lock.newCondition();
        private long version;
        private long nanos;

        @Override
        public void acknowledged(long acked, Instant at) {
            long now = System.nanoTime();
            lock.lock();
            try {
                if (acked > version) {
                    version = acked;
                    nanos = now;
                    moved.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        /** The nanoTime at which this node first acknowledged {@code wanted} or later. */
        long awaitVersion(long wanted) throws InterruptedException {
            lock.lock();
            try {
                while (version < wanted) {
                    if (!moved.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("a node did not acknowledge flags version " + wanted + " within 30 s");
                    }
                }
                return nanos;
            } finally {
                lock.unlock();
            }
        }
    }

    public void run(PrintStream out, Options options) throws InterruptedException {
        out.printf("flightpath bench flags: %d changes, %d nodes over the admin API, poll %d ms, lease %d s; evaluation %d x %d ms slices%n",
                options.changes(), options.nodes(), FlagNodeConfig.DEFAULT_POLL.toMillis(), FlagNodeConfig.DEFAULT_LEASE.toSeconds(),
                options.slices(), options.slice().toMillis());
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (BenchCluster cluster = BenchCluster.start("127.0.0.1", line -> { })) {
            measure(out, options, cluster, clock, metrics);
        }
    }

    private static void measure(PrintStream out, Options options, BenchCluster cluster, Clock clock, PrometheusMeterRegistry metrics)
            throws InterruptedException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Database db = Database.open("control", cluster.control("bench_flags_control", 8), List.of(MariaDbAccountStore.MIGRATIONS));
            opened.add(db);
            out.println(Machine.describe(db).line());
            MariaDbFlagStore store = new MariaDbFlagStore(db, clock);
            ControlHttpServer routes = new ControlHttpServer(new MariaDbAccountStore(db, clock), new MariaDbRoutingStore(db, clock),
                    new MariaDbSplitRegistry(db, clock), store, new InternalAuth(TOKEN));
            ServiceServer control = ServiceServer.start("control", "127.0.0.1", 0, metrics, 1 << 20, ServiceServer.INTERNAL_ERRORS, routes::routes);
            opened.add(control);
            Attribution bench = new Attribution("bench", "propagation measurement");
            store.create(FLAG, "the bench's flag", List.of(), "false", bench);
            List<FlagNode> nodes = new ArrayList<>();
            List<Acks> acks = new ArrayList<>();
            for (int i = 0; i < options.nodes(); i++) {
                FlagNode node = new FlagNode(new FlagHttpClient(new ServiceClient("control", control.uri(), TOKEN, Duration.ofSeconds(5))),
                        FlagNodeConfig.defaults("bench-node-" + i), clock, metrics);
                Acks a = new Acks();
                node.addListener(a);
                opened.add(node.start());
                nodes.add(node);
                acks.add(a);
            }
            propagation(out, options, store, bench, acks);
            evaluation(out, options, store, bench, nodes.getFirst(), metrics);
        } finally {
            for (AutoCloseable c : opened.reversed()) {
                try {
                    c.close();
                } catch (Exception e) {
                    out.println("closing " + c + " failed: " + e.getMessage());
                }
            }
        }
    }

    private static void propagation(PrintStream out, Options options, MariaDbFlagStore store, Attribution by, List<Acks> acks)
            throws InterruptedException {
        long[] millisTimes100 = new long[options.changes()];
        for (int i = -options.warmupChanges(); i < options.changes(); i++) {
            // changes land at random points of the nodes' poll cycle, as operators' changes do
            Thread.sleep(ThreadLocalRandom.current().nextLong(FlagNodeConfig.DEFAULT_POLL.toMillis() + 1));
            store.rollout(FLAG, 1 + Math.floorMod(i, 99), null, by);
            long committed = System.nanoTime();
            long version = store.version();
            long last = committed;
            for (Acks a : acks) {
                last = Math.max(last, a.awaitVersion(version));
            }
            if (i >= 0) {
                millisTimes100[i] = (last - committed) / 10_000; // hundredths of a millisecond
            }
        }
        Arrays.sort(millisTimes100);
        out.printf("propagation, change committed -> last of %d nodes acknowledged (%d changes): p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 250 ms)%n",
                acks.size(), options.changes(), at(millisTimes100, 0.50), at(millisTimes100, 0.99),
                millisTimes100[millisTimes100.length - 1] / 100.0);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 100.0;
    }

    private static void evaluation(PrintStream out, Options options, MariaDbFlagStore store, Attribution by, FlagNode node,
                                   PrometheusMeterRegistry metrics) {
        ImmutableContext[] working = contexts(1024);
        store.create(PLAIN, "an on/off flag without rules", List.of(), "false", by);
        store.rollout(FLAG, 50, null, by);
        Map<String, Boolean> explicit = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            store.set(FLAG, working[i * 7].getTargetingKey(), "true", by);
            explicit.put(working[i * 7].getTargetingKey(), true);
        }
        long version = store.version();
        while (node.snapshot().version() < version) {
            Thread.onSpinWait();
        }
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        api.setProviderAndWait("bench-flightpath", new FlightpathProvider(node, metrics));
        api.setProviderAndWait("bench-in-memory", new InMemoryProvider(Map.of(PLAIN, onOff().build(),
                FLAG, onOff().contextEvaluator(ruleByHand(explicit, 50)).build())));
        Client flightpath = api.getClient("bench-flightpath");
        Client inMemory = api.getClient("bench-in-memory");
        out.println("evaluation through the OpenFeature client, one thread, alternating " + options.slices() + " slices of "
                + options.slice().toMillis() + " ms per side, every side with the same contexts and the same client call");
        out.println("  InMemoryProvider: a static on/off flag, which evaluates no rule (no explicit values, no rollout, never reads the context);"
                + " rule by hand: InMemoryProvider with the same 10 explicit values and 50 % rollout in its context evaluator"
                + " (a HashMap, then Bucketing's Murmur on every call, no cache)");
        IntFunction<ImmutableContext> workingSet = i -> working[i & (working.length - 1)];
        // a request builds its context from the SID it just parsed: a new string, whose hashCode nobody has computed yet
        byte[][] parsed = Arrays.stream(working).map(c -> c.getTargetingKey().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        IntFunction<ImmutableContext> workingSetParsed = i -> new ImmutableContext(new String(parsed[i & (parsed.length - 1)], StandardCharsets.US_ASCII));
        String prefix = "AC" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        IntFunction<ImmutableContext> everyOneNew = i -> new ImmutableContext(prefix + HexFormat.of().toHexDigits((long) i * 0x9E3779B97F4A7C15L));
        compare(out, options, "on/off flag without rules, 1,024 accounts", flightpath, PLAIN, workingSet, inMemory, false);
        compare(out, options, "50 % rollout + 10 explicit accounts, 1,024 accounts (buckets cached)", flightpath, FLAG, workingSet, inMemory, true);
        compare(out, options, "the same, each call a new context from the SID parsed anew", flightpath, FLAG, workingSetParsed, inMemory, true);
        compare(out, options, "the same, a new account and context per call (every bucket hashed)", flightpath, FLAG, everyOneNew, inMemory, true);
    }

    private static dev.openfeature.sdk.providers.memory.Flag.FlagBuilder<Boolean> onOff() {
        return dev.openfeature.sdk.providers.memory.Flag.<Boolean>builder().variant("on", true).variant("off", false).defaultVariant("off");
    }

    /** The flag's rule written the plain way for the SDK's provider: the explicit value, else the account's bucket against the percentage. */
    private static ContextEvaluator<Boolean> ruleByHand(Map<String, Boolean> explicit, int percent) {
        Bucketing bucketing = Bucketing.of(FLAG);
        int threshold = percent * Bucketing.BUCKETS / 100;
        return (flag, ctx) -> {
            String sid = ctx.getTargetingKey();
            Boolean value = explicit.get(sid);
            return value != null ? value : bucketing.bucket(sid) < threshold;
        };
    }

    private static ImmutableContext[] contexts(int n) {
        ImmutableContext[] all = new ImmutableContext[n];
        for (int i = 0; i < n; i++) {
            all[i] = new ImmutableContext(AccountSid.random().value());
        }
        return all;
    }

    /** Flightpath's flag beside the static flag and, when {@code byHand}, beside the same rule in the SDK's provider. */
    private static void compare(PrintStream out, Options options, String what, Client flightpath, String flag,
                                IntFunction<ImmutableContext> ctx, Client inMemory, boolean byHand) {
        slice(flightpath, flag, ctx, options.evaluationWarmup());
        slice(inMemory, PLAIN, ctx, options.evaluationWarmup());
        if (byHand) {
            slice(inMemory, FLAG, ctx, options.evaluationWarmup());
        }
        long[] fp = {0, 0};
        long[] mem = {0, 0};
        long[] hand = {0, 0};
        for (int s = 0; s < options.slices(); s++) {
            add(fp, slice(flightpath, flag, ctx, options.slice()));
            add(mem, slice(inMemory, PLAIN, ctx, options.slice()));
            if (byHand) {
                add(hand, slice(inMemory, FLAG, ctx, options.slice()));
            }
        }
        double fpNs = (double) fp[1] / fp[0];
        double memNs = (double) mem[1] / mem[0];
        String line = String.format("  %-72s Flightpath %4.0f ns/op, InMemoryProvider %4.0f ns/op: %.2fx (target <= 1.2x)", what, fpNs, memNs, fpNs / memNs);
        if (byHand) {
            double handNs = (double) hand[1] / hand[0];
            line += String.format("; rule by hand %4.0f ns/op: %.2fx", handNs, fpNs / handNs);
        }
        out.println(line);
    }

    private static void add(long[] total, long[] slice) {
        total[0] += slice[0];
        total[1] += slice[1];
    }

    /** Evaluations for about {@code length}: {operations, nanoseconds}. */
    private static long[] slice(Client client, String flag, IntFunction<ImmutableContext> ctx, Duration length) {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long ops = 0;
        int on = 0;
        int next = 0;
        long now;
        do {
            for (int i = 0; i < 10_000; i++) {
                if (client.getBooleanValue(flag, false, ctx.apply(next++))) {
                    on++;
                }
            }
            ops += 10_000;
            now = System.nanoTime();
        } while (now < end);
        if (on < 0) {
            throw new AssertionError(); // keeps the results alive for the JIT
        }
        return new long[] {ops, now - start};
    }
}
