package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.core.FlightpathException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** The faults `flightpath chaos` injects: what it does, to which server or process, and how it is lifted. */
enum ChaosScenario {
    /** The control store's server killed and kept down: only control operations may wait. */
    CONTROL_DOWN("control-down", Kind.SERVER, "control", Duration.ofSeconds(60), true),
    KILL_CONTROL("kill-control", Kind.SERVER, "control", Duration.ZERO, true),
    KILL_INFLIGHT("kill-inflight", Kind.SERVER, "inflight", Duration.ZERO),
    KILL_SHARD("kill-shard0", Kind.SERVER, "shard0", Duration.ZERO),
    /** A split under the load, its target's SQL thread stopped for --fault after each of its steps: no read may miss a record. */
    SPLIT_TARGET_LAG("split-target-lag", Kind.SPLIT, "target", Duration.ofSeconds(10), true),
    /** The same with the target's replication delayed (MASTER_DELAY) instead: applying, but late. */
    SPLIT_TARGET_DELAY("split-target-delay", Kind.SPLIT, "target", Duration.ofSeconds(10), true),
    /** A split under the load, kill -9 of a MariaDB server after each of its steps, started again after --fault; the split resumed. */
    SPLIT_KILL_CONTROL("split-kill-control", Kind.SPLIT, "control", Duration.ofSeconds(2), true),
    SPLIT_KILL_INFLIGHT("split-kill-inflight", Kind.SPLIT, "inflight", Duration.ofSeconds(2)),
    SPLIT_KILL_SOURCE("split-kill-source", Kind.SPLIT, "source", Duration.ofSeconds(2)),
    SPLIT_KILL_TARGET("split-kill-target", Kind.SPLIT, "target", Duration.ofSeconds(2)),
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

    /** Where the fault lands: a MariaDB server, a split (in this process), or a process of the services. */
    enum Kind {
        SERVER, SPLIT, UP_PROCESS, SERVE_PROCESS;

        /** How the services run for this kind: in process for a server or a split, else as processes of their own. */
        String deployment() {
            return switch (this) {
                case SERVER, SPLIT -> "in this process";
                case UP_PROCESS -> "one `up` process";
                case SERVE_PROCESS -> "`serve` processes";
            };
        }

        /** Refuses scenarios that need the services run in different ways. */
        static void requireOneDeployment(List<ChaosScenario> scenarios) {
            if (scenarios.stream().map(s -> s.kind().deployment()).distinct().count() > 1) {
                throw FlightpathException.invalid("scenarios of one run must share how the services run, were %s",
                        scenarios.stream().map(s -> s.label() + " (" + s.kind().deployment() + ")").toList());
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

    /** One line for `chaos --help`: what the fault is, in at most 54 characters. */
    String summary() {
        return switch (this) {
            case CONTROL_DOWN -> "kill -9 of the control store, restarted after --fault";
            case KILL_CONTROL, KILL_INFLIGHT, KILL_SHARD -> "kill -9 of that MariaDB server, restarted at once";
            case SPLIT_TARGET_LAG -> "a split; after each step the target's SQL thread stops";
            case SPLIT_TARGET_DELAY -> "a split; after each step the target's MASTER_DELAY > 0";
            case SPLIT_KILL_CONTROL, SPLIT_KILL_INFLIGHT, SPLIT_KILL_SOURCE, SPLIT_KILL_TARGET ->
                    "a split; after each step kill -9 of that server";
            case KILL_UP -> "kill -9 of the one `up` process, restarted at once";
            case STOP_SERVE_POSTFLIGHT -> "a split; SIGSTOP of `serve postflight` till writes move";
            default -> "kill -9 of that `serve` process, restarted at once";
        };
    }

    /** The scenarios, one a line, for `chaos --help`. */
    static String[] help() {
        return Arrays.stream(values()).map(s -> String.format("  %-22s %s", s.label, s.summary())).toArray(String[]::new);
    }

    Kind kind() {
        return kind;
    }

    /** Whether the scenario runs a split with its fault (ChaosSplit) rather than killing something. */
    boolean splits() {
        return kind == Kind.SPLIT || this == STOP_SERVE_POSTFLIGHT;
    }

    /** Whether the fault is the target's replication lagging, which needs the link (CLONE_TARGET to MOVE_WRITES). */
    private boolean lags() {
        return this == SPLIT_TARGET_LAG || this == SPLIT_TARGET_DELAY;
    }

    /**
     * The split steps after which the fault may come ("all"): while the replication link exists
     * for a lag, every step for a kill, and for the stopped node one step before writes move.
     */
    List<Step> allSteps() {
        if (!splits()) {
            return List.of();
        }
        Step last = lags() ? Step.MOVE_WRITES : this == STOP_SERVE_POSTFLIGHT ? Step.SPLIT_SEQUENCES : Step.VERIFY;
        return Arrays.stream(Step.values()).filter(s -> s.compareTo(last) <= 0).toList();
    }

    /** Without steps given: after each step it may follow, but the stopped node stops after MOVE_READS. */
    List<Step> defaultSteps() {
        return this == STOP_SERVE_POSTFLIGHT ? List.of(Step.MOVE_READS) : allSteps();
    }

    /** Parses "all" or STEP[,STEP...] for this scenario; INVALID_ARGUMENT for a step it cannot follow. */
    List<Step> steps(String text) {
        if (!splits()) {
            throw FlightpathException.invalid("%s runs no split, so it takes no steps (was '%s')", label, text);
        }
        if (text.equalsIgnoreCase("all")) {
            if (this == STOP_SERVE_POSTFLIGHT) {
                throw FlightpathException.invalid("%s stops the node after one step, until writes moved: name one of %s", label, allSteps());
            }
            return allSteps();
        }
        List<Step> steps = new ArrayList<>();
        for (String name : text.split(",")) {
            Step step = Arrays.stream(Step.values()).filter(s -> s != Step.DONE && s.name().equalsIgnoreCase(name.trim())).findFirst()
                    .orElseThrow(() -> FlightpathException.invalid("no split step '%s' (have %s)", name.trim(), splitSteps()));
            if (!allSteps().contains(step)) {
                throw FlightpathException.invalid("%s cannot follow %s: its steps are %s", label, step, allSteps());
            }
            if (!steps.contains(step)) {
                steps.add(step);
            }
        }
        if (this == STOP_SERVE_POSTFLIGHT && steps.size() != 1) {
            throw FlightpathException.invalid("%s stops the node after one step, was %s", label, steps);
        }
        return List.copyOf(steps);
    }

    private static List<Step> splitSteps() {
        return Arrays.stream(Step.values()).filter(s -> s != Step.DONE).toList();
    }

    /** The fault of a split scenario, for its split. */
    SplitFault splitFault(SplitFault.Context c) {
        return switch (this) {
            case SPLIT_TARGET_LAG -> new TargetLag(c, TargetLag.How.STALL);
            case SPLIT_TARGET_DELAY -> new TargetLag(c, TargetLag.How.DELAY);
            case SPLIT_KILL_CONTROL, SPLIT_KILL_INFLIGHT -> new ServerKill(c, victim);
            case SPLIT_KILL_SOURCE -> new ServerKill(c, c.plan().source());
            case SPLIT_KILL_TARGET -> new ServerKill(c, c.plan().target());
            case STOP_SERVE_POSTFLIGHT -> new NodeStop(c, (ProcessDeployment) c.deployment(), victim, Step.MOVE_WRITES);
            default -> throw FlightpathException.internal("%s runs no split", label);
        };
    }

    Duration defaultFault() {
        return defaultFault;
    }

    /** Injects the fault, a kill -9 (no shutdown, no flush, as a crash); returns what it did, for the log. */
    String inject(LocalCluster cluster, ChaosDeployment deployment) {
        if (kind == Kind.SERVER) {
            return ServerKill.kill(cluster, victim);
        }
        long pid = ((ProcessDeployment) deployment).kill(victim);
        return "kill -9 of the " + (kind == Kind.UP_PROCESS ? "`up`" : "`serve " + victim + "`") + " process (pid " + pid + ")";
    }

    /** Lifts the fault: what was killed is started again, a server on its data, a process with its settings. */
    void lift(LocalCluster cluster, ChaosDeployment deployment) {
        if (kind == Kind.SERVER) {
            ServerKill.restart(cluster);
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

    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return labels().iterator();
        }
    }
}
