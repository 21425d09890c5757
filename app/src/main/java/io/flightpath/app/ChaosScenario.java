package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerStatus;
import io.flightpath.core.FlightpathException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;

/** The faults `flightpath chaos` injects: what it does, to which server or process, and how it is lifted. */
enum ChaosScenario {
    /** The control store's server killed and kept down: only control operations may wait. */
    CONTROL_DOWN("control-down", Kind.SERVER, "control", Duration.ofSeconds(60), true),
    KILL_CONTROL("kill-control", Kind.SERVER, "control", Duration.ZERO, true),
    KILL_INFLIGHT("kill-inflight", Kind.SERVER, "inflight", Duration.ZERO),
    KILL_SHARD("kill-shard0", Kind.SERVER, "shard0", Duration.ZERO),
    /** A split under the load, its target's replication stalled after one step (--step): no read may miss a record. */
    SPLIT_TARGET_LAG("split-target-lag", Kind.SPLIT_LAG, "shard1", Duration.ofSeconds(10), true),
    /** kill -9 of the one `up` process, started again: every service at once. */
    KILL_UP("kill-up", Kind.UP_PROCESS, "up", Duration.ZERO),
    KILL_SERVE_CONTROL("kill-serve-control", Kind.SERVE_PROCESS, "control", Duration.ZERO),
    KILL_SERVE_POSTFLIGHT("kill-serve-postflight", Kind.SERVE_PROCESS, "postflight", Duration.ZERO),
    KILL_SERVE_INFLIGHT("kill-serve-inflight", Kind.SERVE_PROCESS, "inflight", Duration.ZERO),
    KILL_SERVE_BILLING("kill-serve-billing", Kind.SERVE_PROCESS, "billing", Duration.ZERO),
    KILL_SERVE_API("kill-serve-api", Kind.SERVE_PROCESS, "api", Duration.ZERO),
    /**
     * A split under the load with the `serve postflight` process stopped (SIGSTOP) after --step
     * until the split moved writes past it, its lease run out; then SIGCONT: a node back with stale
     * maps, which the source shard must refuse.
     */
    STOP_SERVE_POSTFLIGHT("stop-serve-postflight", Kind.SERVE_PROCESS, "postflight", Duration.ZERO);

    /** Where the fault lands: a MariaDB server, a split's target, or a process of the services. */
    enum Kind {
        SERVER, SPLIT_LAG, UP_PROCESS, SERVE_PROCESS;

        /** How the services run for this kind: in process for a server or a split, else as processes of their own. */
        String deployment() {
            return switch (this) {
                case SERVER, SPLIT_LAG -> "in this process";
                case UP_PROCESS -> "one `up` process";
                case SERVE_PROCESS -> "`serve` processes";
            };
        }

        /** Refuses scenarios that need the services run in different ways, and a split scenario twice. */
        static void requireOneDeployment(List<ChaosScenario> scenarios) {
            if (scenarios.stream().map(s -> s.kind().deployment()).distinct().count() > 1) {
                throw FlightpathException.invalid("scenarios of one run must share how the services run, were %s",
                        scenarios.stream().map(s -> s.label() + " (" + s.kind().deployment() + ")").toList());
            }
            if (scenarios.stream().filter(ChaosScenario::splits).count() > 1) {
                throw FlightpathException.invalid("split-target-lag and stop-serve-postflight run the one split of shard0: one of them, once, in a run");
            }
        }
    }

    private final String label;
    private final Kind kind;
    private final String victim;
    private final Duration defaultFault;

    private final boolean noFailures;

    ChaosScenario(String label, Kind kind, String victim, Duration defaultFault) {
        this(label, kind, victim, defaultFault, false);
    }

    ChaosScenario(String label, Kind kind, String victim, Duration defaultFault, boolean noFailures) {
        this.label = label;
        this.kind = kind;
        this.victim = victim;
        this.defaultFault = defaultFault;
        this.noFailures = noFailures;
    }

    /**
     * Whether the scenario passes only without a failed request: the control store and a split's
     * lag must cost the data path nothing; a killed store or service has no standby, so the
     * requests it misses are counted, and only the records must come out whole.
     */
    boolean noFailures() {
        return noFailures;
    }

    String label() {
        return label;
    }

    Kind kind() {
        return kind;
    }

    /** Whether the scenario runs a split with its fault (ChaosSplit) rather than killing something. */
    boolean splits() {
        return kind == Kind.SPLIT_LAG || this == STOP_SERVE_POSTFLIGHT;
    }

    Duration defaultFault() {
        return defaultFault;
    }

    /** Injects the fault, a kill -9 (no shutdown, no flush, as a crash); returns what it did, for the log. */
    String inject(LocalCluster cluster, ChaosDeployment deployment) {
        if (kind == Kind.SERVER) {
            ServerStatus s = ChaosCommand.server(cluster, victim);
            long pid = s.pid().orElseThrow(() -> FlightpathException.failedPrecondition("%s is not running", victim));
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> FlightpathException.failedPrecondition("%s (pid %d) is gone", victim, pid));
            process.destroyForcibly();
            process.onExit().join();
            return "kill -9 of the " + victim + " server (pid " + pid + ")";
        }
        long pid = ((ProcessDeployment) deployment).kill(victim);
        return "kill -9 of the " + (kind == Kind.UP_PROCESS ? "`up`" : "`serve " + victim + "`") + " process (pid " + pid + ")";
    }

    /** Lifts the fault: what was killed is started again, a server on its data, a process with its settings. */
    void lift(LocalCluster cluster, ChaosDeployment deployment) {
        if (kind == Kind.SERVER) {
            cluster.up(null, null, null);
        } else {
            ((ProcessDeployment) deployment).start(victim);
        }
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
