package io.flightpath.bench;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.PageRequest;
import io.flightpath.postflight.routing.RouterConfig;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code flightpath bench router}: throughput of point reads, account pages and inserts through
 * the post-flight store over a {@link io.flightpath.postflight.routing.MapRouter} on two shards,
 * beside plain JDBC that picks the shard itself with the same SQL on the same pools, and the
 * ratio of the two. Both sides run in one run, in short alternating rounds and then at once with
 * half the clients each, so that noise from other programs on the machine hits them alike.
 */
public final class RouterBench {
    /** The router keeps at least this share of plain JDBC's throughput (issue 4). */
    static final double TARGET = 0.95;
    static final int PAGE_SIZE = 50;

    /**
     * @param clients         closed-loop virtual-thread clients
     * @param poolSize        connections per shard pool, shared by both sides
     * @param accounts        accounts the seeded calls belong to, spread over both shards
     * @param callsPerAccount calls seeded per account before measuring (at least a page)
     * @param batch           calls per insert in the batched insert workload, of random accounts
     * @param warmup          time each side runs a workload before it is measured
     * @param round           time of one measured round
     * @param rounds          measured rounds per side and workload, alternating plain JDBC and router
     * @param together        time both sides run at once, half the clients each
     */
    public record Options(int clients, int poolSize, int accounts, int callsPerAccount, int batch, Duration warmup,
                          Duration round, int rounds, Duration together) {
        public Options {
            if (clients < 1 || poolSize < 1 || accounts < 1 || batch < 1 || rounds < 1) {
                throw new IllegalArgumentException("clients, pool size, accounts, batch and rounds must be >= 1, were "
                        + clients + ", " + poolSize + ", " + accounts + ", " + batch + ", " + rounds);
            }
            if (callsPerAccount < PAGE_SIZE) {
                throw new IllegalArgumentException("calls per account must be >= " + PAGE_SIZE + " (one full page), was " + callsPerAccount);
            }
            if (clients < 2) {
                throw new IllegalArgumentException("clients must be >= 2 (half run each side together), was " + clients);
            }
            if (warmup.isNegative() || round.isNegative() || round.isZero() || together.isNegative() || together.isZero()) {
                throw new IllegalArgumentException("warm-up must be >= 0 and a round and the time together > 0, were "
                        + warmup + ", " + round + " and " + together);
            }
        }

        public static Options defaults() {
            return new Options(16, 16, 1_000, 60, 20, Duration.ofSeconds(2), Duration.ofSeconds(1), 10,
                    Duration.ofSeconds(6));
        }
    }

    /** One workload, as plain JDBC and as the router run it. */
    private record Workload(String name, int rowsPerOperation, ClosedLoop.Operation plain, ClosedLoop.Operation routed) {
    }

    /** Totals of one side over its measured rounds. */
    private record Side(long done, long failed, Throwable firstFailure, Duration elapsed) {
        static final Side NONE = new Side(0, 0, null, Duration.ZERO);

        Side plus(ClosedLoop.Result r) {
            return new Side(done + r.done(), failed + r.failed(), firstFailure != null ? firstFailure : r.firstFailure(),
                    elapsed.plus(r.elapsed()));
        }

        double perSecond() {
            return done * 1e9 / elapsed.toNanos();
        }
    }

    public void run(PrintStream out, Options options) {
        out.println("flightpath bench router: 2 shards (lower half shard0, upper half shard1), " + options.clients()
                + " closed-loop clients, pools of " + options.poolSize() + " per shard");
        try (RoutedCluster bed = RoutedCluster.start(2, options.poolSize(), RouterConfig.defaults("bench-router"))) {
            out.println(Machine.describe(bed.control).line());
            MariaDbPostflightStore store = bed.store;
            PlainJdbc plain = new PlainJdbc(bed.pools.shard("shard0").database(), bed.pools.shard("shard1").database());
            Seeded seeded = Seeded.insert(store, options.accounts(), options.callsPerAccount());
            out.printf("seeded %,d calls of %,d accounts through the router%n", seeded.calls(), options.accounts());

            List<Workload> workloads = List.of(
                    new Workload("point read by SID", 1,
                            r -> {
                                Seeded.Pick p = seeded.pick(r);
                                Seeded.require(plain.call(p.account(), p.sid()));
                            },
                            r -> {
                                Seeded.Pick p = seeded.pick(r);
                                Seeded.require(store.call(p.account(), p.sid()));
                            }),
                    new Workload("account page of " + PAGE_SIZE, 1,
                            r -> plain.newest(seeded.anyAccount(r), PAGE_SIZE),
                            r -> store.calls(CallQuery.all(seeded.anyAccount(r)), PageRequest.first(PAGE_SIZE))),
                    new Workload("insert, 1 call", 1,
                            r -> plain.insert(List.of(BenchCalls.finished(seeded.anyAccount(r), r))),
                            r -> store.insertCalls(List.of(BenchCalls.finished(seeded.anyAccount(r), r)))),
                    new Workload("insert, " + options.batch() + " calls", options.batch(),
                            r -> plain.insert(seeded.batch(r, options.batch())),
                            r -> store.insertCalls(seeded.batch(r, options.batch()))));

            ClosedLoop loop = new ClosedLoop(options.clients());
            out.printf("%n%-22s %15s %15s %9s %13s %9s %9s%n", "workload", "plain JDBC op/s", "router op/s", "ratio",
                    "pairs", "together", "failed");
            List<String> missed = new ArrayList<>();
            for (Workload w : workloads) {
                loop.run(options.warmup(), w.plain());
                loop.run(options.warmup(), w.routed());
                Side plainSide = Side.NONE;
                Side routedSide = Side.NONE;
                double[] pairs = new double[options.rounds()];
                for (int i = 0; i < options.rounds(); i++) {
                    // alternate which side goes first, so that a drift in the machine's load favours neither
                    ClosedLoop.Result p;
                    ClosedLoop.Result r;
                    if (i % 2 == 0) {
                        p = loop.run(options.round(), w.plain());
                        r = loop.run(options.round(), w.routed());
                    } else {
                        r = loop.run(options.round(), w.routed());
                        p = loop.run(options.round(), w.plain());
                    }
                    plainSide = plainSide.plus(p);
                    routedSide = routedSide.plus(r);
                    pairs[i] = r.perSecond() / p.perSecond();
                }
                Arrays.sort(pairs);
                // a burst of load from other programs spoils one pair, not the median
                double alternating = median(pairs);
                // half the clients on each side at once: both meet the very same machine
                List<ClosedLoop.Result> both = loop.run(options.together(), List.of(w.plain(), w.routed()));
                double together = both.get(1).perSecond() / both.get(0).perSecond();
                out.printf("%-22s %,15.0f %,15.0f %9.3f %13s %9.3f %9s%n", w.name(), plainSide.perSecond(), routedSide.perSecond(),
                        alternating, "%.2f..%.2f".formatted(pairs[0], pairs[pairs.length - 1]), together,
                        (plainSide.failed() + both.get(0).failed()) + "/" + (routedSide.failed() + both.get(1).failed()));
                if (w.rowsPerOperation() > 1) {
                    out.printf("%-22s %,15.0f %,15.0f%n", "  rows/s", plainSide.perSecond() * w.rowsPerOperation(),
                            routedSide.perSecond() * w.rowsPerOperation());
                }
                for (Throwable t : new Throwable[] {plainSide.firstFailure(), routedSide.firstFailure(), both.get(0).firstFailure(),
                        both.get(1).firstFailure()}) {
                    if (t != null) {
                        out.println("  failure: " + t);
                    }
                }
                if (together < TARGET) {
                    missed.add(w.name() + " (" + "%.3f".formatted(together) + ")");
                }
            }
            out.printf("%ntarget: the router keeps >= %.2f of plain JDBC's throughput on every workload (together): %s%n", TARGET,
                    missed.isEmpty() ? "met" : "missed on " + String.join(", ", missed));
            out.printf("(op/s: %d alternating rounds of %s per side after %s warm-up each; ratio: router/plain, median of the rounds' "
                    + "adjacent pairs, whose range is shown; together: router/plain with half the clients on each side for %s; "
                    + "failed: plain/router)%n", options.rounds(), options.round(), options.warmup(), options.together());
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The calls seeded before measuring, so that reads find full accounts and known SIDs. */
    private record Seeded(AccountSid[] accounts, CallSid[][] sids) {

        static Seeded insert(MariaDbPostflightStore store, int accountCount, int callsPerAccount) {
            AccountSid[] accounts = new AccountSid[accountCount];
            CallSid[][] sids = new CallSid[accountCount][callsPerAccount];
            ThreadLocalRandom random = ThreadLocalRandom.current();
            List<Call> batch = new ArrayList<>();
            for (int a = 0; a < accountCount; a++) {
                accounts[a] = AccountSid.random();
                for (int i = 0; i < callsPerAccount; i++) {
                    Call call = BenchCalls.finished(accounts[a], random);
                    sids[a][i] = call.sid();
                    batch.add(call);
                    if (batch.size() == 2_000) {
                        store.insertCalls(batch);
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                store.insertCalls(batch);
            }
            return new Seeded(accounts, sids);
        }

        long calls() {
            return (long) accounts.length * sids[0].length;
        }

        AccountSid anyAccount(ThreadLocalRandom r) {
            return accounts[r.nextInt(accounts.length)];
        }

        /** A seeded call and its account. */
        record Pick(AccountSid account, CallSid sid) {
        }

        Pick pick(ThreadLocalRandom r) {
            int a = r.nextInt(accounts.length);
            return new Pick(accounts[a], sids[a][r.nextInt(sids[a].length)]);
        }

        List<Call> batch(ThreadLocalRandom r, int size) {
            List<Call> calls = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                calls.add(BenchCalls.finished(anyAccount(r), r));
            }
            return calls;
        }

        static void require(Optional<Call> found) {
            if (found.isEmpty()) {
                throw new IllegalStateException("a seeded call was not found");
            }
        }
    }
}
