package io.flightpath.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Facts about operating-system processes, read from /proc. */
final class Processes {
    private Processes() {
    }

    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /**
     * Whether the process runs: a stopped server may linger as a zombie until its parent reaps
     * it, so the process state decides, not whether the pid exists.
     */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // state is the first field after the parenthesised command name, which may hold spaces
            int close = stat.lastIndexOf(')');
            char state = stat.charAt(close + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The running process whose command line has exactly this argument, if any. */
    static Optional<Long> findByArgument(String argument) {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (commandLine(pid).contains(argument) && isRunning(pid)) {
                    return Optional.of(pid);
                }
            }
        } catch (IOException e) {
            throw new ClusterException("cannot list processes in /proc: " + e.getMessage(), e);
        }
        return Optional.empty();
    }
}
