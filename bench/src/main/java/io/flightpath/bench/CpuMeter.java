package io.flightpath.bench;

import io.flightpath.bench.proc.ProcessCpu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CPU time the pipeline's three processes have used: the in-flight server, the post-flight
 * shard server (from /proc, Linux only) and this JVM. Unlike a rate, CPU per lifecycle hardly
 * moves with what else the machine runs, so it tells what a run costs on a busy machine too.
 */
final class CpuMeter {
    private final long inflightPid;
    private final long shardPid;

    private CpuMeter(long inflightPid, long shardPid) {
        this.inflightPid = inflightPid;
        this.shardPid = shardPid;
    }

    /** CPU time used so far by each process. */
    record Sample(Duration inflight, Duration shard, Duration bench) {
        /** What was used since {@code earlier}. */
        Sample since(Sample earlier) {
            return new Sample(inflight.minus(earlier.inflight), shard.minus(earlier.shard), bench.minus(earlier.bench));
        }

        Sample plus(Sample other) {
            return new Sample(inflight.plus(other.inflight), shard.plus(other.shard), bench.plus(other.bench));
        }

        Duration total() {
            return inflight.plus(shard).plus(bench);
        }
    }

    /** The meter of the servers listening on these ports, found by their command lines. */
    static CpuMeter of(int inflightPort, int shardPort) {
        return new CpuMeter(serverOn(inflightPort), serverOn(shardPort));
    }

    Sample sample() {
        long bench = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new Sample(used(inflightPid), used(shardPid), Duration.ofNanos(bench));
    }

    private static Duration used(long pid) {
        return ProcessCpu.of(pid);
    }

    private static long serverOn(int port) {
        String argument = "--port=" + port;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                byte[] raw;
                try {
                    raw = Files.readAllBytes(proc.resolve("cmdline"));
                } catch (IOException gone) {
                    continue; // ended while listed
                }
                if (java.util.List.of(new String(raw, StandardCharsets.UTF_8).split("\0")).contains(argument)) {
                    return Long.parseLong(proc.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list processes in /proc", e);
        }
        throw new IllegalStateException("no process runs with " + argument);
    }
}
