package io.flightpath.bench.shadow;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * {@code bench shadow}: throughput and p50/p99 latency of requests sent straight to a backend,
 * through Shadow (with an experimental instance beside it) and, where the machine has nginx,
 * through nginx's {@code mirror} and nginx's plain proxying (no mirror, for scale), at each
 * connection count, with the ratios to direct.
 */
public final class ShadowBench {
    /**
     * How long each cell runs (a warm-up, not measured, then the measure), split into
     * {@code rounds} slices that take turns with the other paths' slices, so a machine whose load
     * changes during the run weighs on every path alike.
     */
    public record Plan(Duration warmUp, Duration measure, List<Integer> connections, int rounds) {
        public Plan {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
            }
        }

        public Plan(Duration warmUp, Duration measure, List<Integer> connections) {
            this(warmUp, measure, connections, 5);
        }

        public static Plan standard() {
            return new Plan(Duration.ofSeconds(1), Duration.ofSeconds(5), List.of(16, 64), 5);
        }
    }

    private ShadowBench() {
    }

    /** The standard run against the trivial JSON responder: about a minute. */
    public static void run(PrintStream out, Path tools) {
        run(out, Plan.standard(), List.of(), tools);
    }

    /**
     * Runs the plan against the trivial JSON responder and then each of {@code more} backends;
     * {@code tools} keeps an nginx fetched for the comparison when the machine has none.
     */
    public static void run(PrintStream out, Plan plan, List<BenchBackend> more, Path tools) {
        try (JsonResponder stable = new JsonResponder(); JsonResponder experimental = new JsonResponder()) {
            List<BenchBackend> backends = new ArrayList<>();
            backends.add(new BenchBackend("trivial JSON", stable.uri(), experimental.uri(), "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/CA0123456789abcdef0123456789abcdef.json"));
            backends.addAll(more);
            Optional<Path> nginx = NginxMirror.binary(tools, out);
            out.println(nginx.map(p -> "nginx: " + p + " (mirror, and plain proxy for scale; keep-alive to the upstreams)")
                    .orElse("nginx: skipped, no nginx binary in /usr/sbin, /usr/bin or /usr/local, and none could be fetched"));
            out.println("shadow: in a JVM of its own; cpu us/req is the proxy's own CPU time (from /proc) per answered request "
                    + "over the measured slices, for Shadow mirroring and comparing included");
            out.printf(Locale.ROOT, "%-16s %5s %-14s %10s %9s %9s %8s %11s %7s %9s %9s %11s%n",
                    "backend", "conns", "path", "req/s", "p50 ms", "p99 ms", "x direct", "p50 added", "errors", "mirrored", "dropped",
                    "cpu us/req");
            for (BenchBackend b : backends) {
                bench(out, plan, b, nginx);
            }
            UpstreamClientBench.run(out, plan, backends.getFirst());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the bench was interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException("running the bench", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load thread failed", e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("the upstream client bench failed", e); // Jetty's start and stop throw Exception
        }
    }

    private static void bench(PrintStream out, Plan plan, BenchBackend b, Optional<Path> nginx)
            throws IOException, InterruptedException, ExecutionException {
        Path data = Files.createTempDirectory("shadow-bench");
        try (SeparateShadow shadow = SeparateShadow.start(b.stable(), b.experimental(), data);
             NginxMirror mirror = nginx.isPresent() ? nginxOrSkip(out, nginx.get(), b) : null) {
            // the JIT compiles each path once before anything counts; the per-cell warm-up then only settles the connections
            ClosedLoad jit = new ClosedLoad(plan.connections().getFirst(), Duration.ZERO, plan.warmUp().multipliedBy(2));
            jit.run(b.stable(), b.path(), b.headers());
            warmUntilSteady(out, plan, shadow, b);
            if (mirror != null) {
                jit.run(mirror.uri(), b.path(), b.headers());
                jit.run(mirror.proxyUri(), b.path(), b.headers());
            }
            Map<String, URI> paths = new LinkedHashMap<>();
            Map<String, LongSupplier> cpu = new LinkedHashMap<>();
            paths.put("direct", b.stable());
            cpu.put("direct", Measured.NO_CPU);
            paths.put("shadow", shadow.uri());
            cpu.put("shadow", shadow::cpuNanos);
            if (mirror != null) {
                paths.put("nginx mirror", mirror.uri());
                cpu.put("nginx mirror", mirror::cpuNanos);
                paths.put("nginx proxy", mirror.proxyUri());
                cpu.put("nginx proxy", mirror::cpuNanos);
            }
            for (int connections : plan.connections()) {
                ClosedLoad slice = new ClosedLoad(connections, plan.warmUp().dividedBy(plan.rounds()), plan.measure().dividedBy(plan.rounds()));
                Map<String, Measured> measured = new LinkedHashMap<>();
                long[] shadowCounts = new long[2]; // requests and dropped (not mirrored, the mirror full) during the slices
                for (int round = 0; round < plan.rounds(); round++) {
                    for (Map.Entry<String, URI> p : paths.entrySet()) {
                        long[] before = shadow.counts();
                        measured.merge(p.getKey(), slice.run(p.getValue(), b.path(), b.headers(), cpu.get(p.getKey())), Measured::plus);
                        long[] after = shadow.counts();
                        shadowCounts[0] += after[0] - before[0];
                        shadowCounts[1] += after[1] - before[1];
                    }
                }
                CellResult direct = measured.get("direct").cell();
                String mirrored = shadowCounts[0] == 0 ? "-"
                        : String.format(Locale.ROOT, "%.1f%%", 100.0 * (shadowCounts[0] - shadowCounts[1]) / shadowCounts[0]);
                String dropped = Long.toString(shadowCounts[1]);
                measured.forEach((path, m) -> row(out, b.name(), connections, path, m.cell(), direct,
                        path.equals("shadow") ? mirrored : "-", path.equals("shadow") ? dropped : "-"));
            }
        } finally {
            Folders.delete(data);
        }
    }

    /**
     * Shadow's JVM is new for each backend: its compilers run for a while after the first
     * requests, and their CPU time would count as Shadow's. Slices of load go on until Shadow's CPU
     * per request changes by under a tenth from one slice to the next (at most 20 slices).
     */
    private static void warmUntilSteady(PrintStream out, Plan plan, SeparateShadow shadow, BenchBackend b)
            throws InterruptedException, ExecutionException {
        ClosedLoad slice = new ClosedLoad(plan.connections().getFirst(), Duration.ZERO, plan.warmUp());
        double last = Double.NaN;
        for (int i = 1; i <= 20; i++) {
            double now = slice.run(shadow.uri(), b.path(), b.headers(), shadow::cpuNanos).cell().cpuMicrosPerRequest();
            if (Math.abs(now - last) < last / 10) {
                out.printf(Locale.ROOT, "shadow: warm after %d slices of %d ms (%.1f us/req, then %.1f)%n", i, plan.warmUp().toMillis(), last, now);
                return;
            }
            last = now;
        }
        out.printf(Locale.ROOT, "shadow: still not steady after 20 slices of %d ms (%.1f us/req in the last)%n", plan.warmUp().toMillis(), last);
    }

    private static NginxMirror nginxOrSkip(PrintStream out, Path nginx, BenchBackend b) throws InterruptedException {
        try {
            return NginxMirror.start(nginx, b.stable(), b.experimental());
        } catch (IOException e) {
            out.println("nginx mirror: skipped for " + b.name() + ": " + e.getMessage());
            return null;
        }
    }

    private static void row(PrintStream out, String backend, int connections, String path, CellResult r, CellResult direct,
                            String mirrored, String dropped) {
        out.printf(Locale.ROOT, "%-16s %5d %-14s %10.0f %9.3f %9.3f %8.2f %11.3f %7d %9s %9s %11s%n", backend, connections, path,
                r.throughput(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.throughput() / direct.throughput(),
                (r.p50Micros() - direct.p50Micros()) / 1000.0, r.errors(), mirrored, dropped,
                path.equals("direct") ? "-" : String.format(Locale.ROOT, "%.1f", r.cpuMicrosPerRequest()));
    }

    /** For a quick run outside the CLI: {@code java ... ShadowBench}. */
    public static void main(String[] args) {
        run(System.out, Path.of(System.getProperty("java.io.tmpdir"), "flightpath-tools"));
    }

}
