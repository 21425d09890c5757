package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerStatus;
import io.flightpath.core.FlightpathException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;

/** The faults `flightpath chaos` injects: what it does to the cluster, and how it is lifted. */
enum ChaosScenario {
    /** The control store's server killed and kept down: only control operations may wait. */
    CONTROL_DOWN("control-down", "control", Duration.ofSeconds(60)),
    KILL_CONTROL("kill-control", "control", Duration.ZERO),
    KILL_INFLIGHT("kill-inflight", "inflight", Duration.ZERO),
    KILL_SHARD("kill-shard0", "shard0", Duration.ZERO);

    private final String label;
    private final String server;
    private final Duration defaultFault;

    ChaosScenario(String label, String server, Duration defaultFault) {
        this.label = label;
        this.server = server;
        this.defaultFault = defaultFault;
    }

    String label() {
        return label;
    }

    Duration defaultFault() {
        return defaultFault;
    }

    /** Injects the fault; returns what it did, for the log. */
    String inject(LocalCluster cluster) {
        ServerStatus s = ChaosCommand.server(cluster, server);
        long pid = s.pid().orElseThrow(() -> FlightpathException.failedPrecondition("%s is not running", server));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> FlightpathException.failedPrecondition("%s (pid %d) is gone", server, pid));
        process.destroyForcibly(); // SIGKILL: no shutdown, no flush, as a crash
        process.onExit().join();
        return "kill -9 of the " + server + " server (pid " + pid + ")";
    }

    /** Lifts the fault: a killed server is started again on its data. */
    void lift(LocalCluster cluster) {
        cluster.up(null, null, null);
    }

    static ChaosScenario parse(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
                .orElseThrow(() -> FlightpathException.invalid("no chaos scenario '%s' (have %s)", label, labels()));
    }

    static List<String> labels() {
        return Arrays.stream(values()).map(ChaosScenario::label).toList();
    }

    static final class Converter implements ITypeConverter<ChaosScenario> {
        @Override
        public ChaosScenario convert(String value) {
            return parse(value);
        }
    }

    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return labels().iterator();
        }
    }
}
