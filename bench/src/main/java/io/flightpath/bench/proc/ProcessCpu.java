package io.flightpath.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CPU time (user and system) another process has used, from {@code /proc} (Linux only). A
 * bench reads it before and after a window to tell what a proxy or a server cost per request,
 * a figure that hardly moves with what else the machine runs, unlike a rate.
 */
public final class ProcessCpu {
    // /proc reports in USER_HZ ticks, which Linux fixes at 100 a second for every architecture it exports them on
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** CPU time used so far by process {@code pid}. */
    public static Duration of(long pid) {
        try {
            return Duration.ofNanos(ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * NANOS_PER_TICK);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
    }

    /**
     * CPU time used so far by {@code pid} and every process below it (nginx's workers under its
     * master); a child that ended between listing and reading counts nothing.
     */
    public static Duration ofTree(long pid) {
        Duration used = of(pid);
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        for (ProcessHandle child : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            try {
                used = used.plus(Duration.ofNanos(ticks(Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat")))
                        * NANOS_PER_TICK));
            } catch (NoSuchFileException ended) {
                // gone since listed: what it used went with it
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CPU time of process " + child.pid(), e);
            }
        }
        return used;
    }

    /** utime + stime of one {@code /proc/PID/stat} line. */
    static long ticks(String stat) {
        // the fields after the command name, which is in parentheses and may hold spaces:
        // state is the first of them, utime and stime the 12th and 13th
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
