package io.flightpath.bench.shadow;

import io.flightpath.shadow.proxy.Exchange;
import io.flightpath.shadow.proxy.ProxiedRequest;
import io.flightpath.shadow.proxy.Upstream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Shadow's upstream client beside Jetty 12's {@link HttpClient} (the Jetty of the server), each
 * called in a closed loop by {@code connections} virtual threads, as Shadow calls its upstreams,
 * against the same backend, in alternating slices: what the upstream call itself costs Shadow
 * with either client. Both read the whole body and its headers, as Shadow needs them.
 */
final class UpstreamClientBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private UpstreamClientBench() {
    }

    @FunctionalInterface
    private interface Call {
        boolean ok() throws Exception;
    }

    static void run(PrintStream out, ShadowBench.Plan plan, BenchBackend backend) throws Exception {
        URI target = backend.stable().resolve(backend.path());
        ProxiedRequest request = new ProxiedRequest("GET", backend.path(), null,
                Map.of("Accept", List.of("application/json")), new byte[0]);
        QueuedThreadPool jettyThreads = new QueuedThreadPool();
        // Jetty runs its callbacks on virtual threads where it can, as Shadow's own calls do
        jettyThreads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        HttpClient jetty = new HttpClient();
        jetty.setExecutor(jettyThreads);
        jetty.setMaxConnectionsPerDestination(1024);
        jetty.setFollowRedirects(false);
        jetty.start();
        try (Upstream own = new Upstream("bench", backend.stable(), TIMEOUT, 16 * 1024 * 1024)) {
            Map<String, Call> clients = new LinkedHashMap<>();
            clients.put("hand-written", () -> {
                Exchange e = own.send(request, Map.of());
                return e.ok() && e.response().status() == 200;
            });
            clients.put("jetty client", () -> {
                ContentResponse r = jetty.newRequest(target).headers(h -> h.put("Accept", "application/json"))
                        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).send();
                return r.getStatus() == 200 && r.getContent().length > 0;
            });
            out.println();
            out.println("upstream client alone, " + backend.name() + " backend (Shadow's own vs Jetty HttpClient " + org.eclipse.jetty.util.Jetty.VERSION + ")");
            out.printf(Locale.ROOT, "%5s %-14s %10s %9s %9s %10s %7s%n", "conns", "client", "calls/s", "p50 ms", "p99 ms", "x own", "errors");
            for (Call c : clients.values()) {
                loop(c, plan.connections().getFirst(), Duration.ZERO, plan.warmUp().multipliedBy(2)); // JIT both once
            }
            for (int connections : plan.connections()) {
                Map<String, Measured> measured = new LinkedHashMap<>();
                for (int round = 0; round < plan.rounds(); round++) {
                    for (Map.Entry<String, Call> c : clients.entrySet()) {
                        measured.merge(c.getKey(), loop(c.getValue(), connections, plan.warmUp().dividedBy(plan.rounds()),
                                plan.measure().dividedBy(plan.rounds())), Measured::plus);
                    }
                }
                CellResult base = measured.get("hand-written").cell();
                measured.forEach((name, m) -> {
                    CellResult r = m.cell();
                    out.printf(Locale.ROOT, "%5d %-14s %10.0f %9.3f %9.3f %10.2f %7d%n", connections, name, r.throughput(),
                            r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.throughput() / base.throughput(), r.errors());
                });
            }
        } finally {
            jetty.stop();
        }
    }

    private static Measured loop(Call call, int connections, Duration warmUp, Duration measure)
            throws InterruptedException, ExecutionException {
        return Measured.closedLoop(connections, warmUp, measure, Measured.NO_CPU, (measureFrom, end, errors) -> {
            long[] latencies = new long[1024];
            int n = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                boolean ok;
                try {
                    ok = call.ok();
                } catch (Exception e) {
                    ok = false;
                }
                long done = System.nanoTime();
                if (!ok) {
                    errors.incrementAndGet();
                } else if (now >= measureFrom) {
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = (done - now) / 1000;
                }
            }
            return Arrays.copyOf(latencies, n);
        });
    }
}
