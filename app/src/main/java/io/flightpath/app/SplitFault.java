package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.split.workflow.ShardDirectory;
import java.time.Duration;
import java.util.List;

/**
 * A fault a chaos split injects after some of its steps, called from the split runner's hook on
 * the split's thread (after a step applied, before it is saved), and lifts: held there for a
 * while, or left to recover beside the running split.
 */
interface SplitFault {
    /** What a fault works on: the suite's cluster and services, the split's shards and plan, its steps and length. */
    record Context(LocalCluster cluster, ChaosDeployment deployment, ShardDirectory shards, ChaosSplit.Plan plan, List<Step> steps,
                   Duration lasts, Injections log) {
    }

    /** Called after every step the split applied; injects the fault when the step is one of its own. */
    void applied(Step step);

    /** Waits until what was injected last is whole again (a killed server answers), before the split is resumed. */
    default void awaitLifted(Duration timeout) {
    }
}
