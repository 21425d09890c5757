package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerStatus;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.core.FlightpathException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * kill -9 of one MariaDB server of the suite's cluster (no shutdown, no flush, as a crash), started
 * again on its data. As a split fault, the kill comes after each of its steps and the server stays
 * down for the fault's length while the split goes on, so that the fault lands in what the split
 * does next (a restart at once could be over before the split touches the server).
 */
final class ServerKill implements SplitFault {
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(2);
    private final String server;
    private final SplitFault.Context context;
    private final AtomicReference<RuntimeException> restartFailure = new AtomicReference<>();
    private volatile Thread restarting;

    ServerKill(SplitFault.Context context, String server) {
        this.server = server;
        this.context = context;
    }

    /** Kills the server named {@code server} ("control", "inflight", "shard0"); returns what it did, for the log. */
    static String kill(LocalCluster cluster, String server) {
        ServerStatus s = ChaosCommand.server(cluster, server);
        long pid = s.pid().orElseThrow(() -> FlightpathException.failedPrecondition("%s is not running", server));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> FlightpathException.failedPrecondition("%s (pid %d) is gone", server, pid));
        process.destroyForcibly();
        process.onExit().join();
        return "kill -9 of the " + server + " server (pid " + pid + ")";
    }

    /** Starts every server of the cluster that is not running, on its data; returns once they answer. */
    static void restart(LocalCluster cluster) {
        cluster.up(null, null, null);
    }

    @Override
    public void applied(Step step) {
        if (!context.steps().contains(step)) {
            return;
        }
        awaitLifted(RESTART_TIMEOUT); // the previous kill's restart
        int injection = context.log().injected(step, kill(context.cluster(), server));
        restarting = Thread.ofPlatform().name("chaos-restart-" + server).start(() -> {
            try {
                Thread.sleep(context.lasts());
                restart(context.cluster());
                context.log().lifted(injection, "started again");
            } catch (RuntimeException e) {
                restartFailure.set(e);
            } catch (InterruptedException e) {
                restartFailure.set(FlightpathException.unavailable("interrupted before %s was started again", server));
            }
        });
    }

    @Override
    public void awaitLifted(Duration timeout) {
        Thread thread = restarting;
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(timeout)) {
                throw FlightpathException.unavailable("%s did not start again within %s", server, Setting.format(timeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlightpathException.unavailable("interrupted while %s starts again", server);
        }
        RuntimeException failed = restartFailure.getAndSet(null);
        if (failed != null) {
            throw failed;
        }
    }
}
