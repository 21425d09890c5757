package io.flightpath.app;

import io.flightpath.control.api.SplitRecord.Step;

/**
 * A `serve` process stopped (SIGSTOP) after one of the split's steps and continued (SIGCONT)
 * after a later one, its lease run out meanwhile: a node that comes back routing by stale maps,
 * which the source shard itself must refuse.
 */
final class NodeStop implements SplitFault {
    private final SplitFault.Context context;
    private final ProcessDeployment processes;
    private final String node;
    private final Step until;
    private int injection = -1;
    private boolean continued;

    NodeStop(SplitFault.Context context, ProcessDeployment processes, String node, Step until) {
        this.context = context;
        this.processes = processes;
        this.node = node;
        this.until = until;
    }

    @Override
    public void applied(Step step) {
        if (context.steps().contains(step) && injection < 0) {
            processes.signal(node, "STOP");
            injection = context.log().injected(step, "`serve " + node + "` stopped (SIGSTOP) until " + until + " applied");
        }
        if (step == until && injection >= 0 && !continued) {
            processes.signal(node, "CONT");
            continued = true;
            context.log().lifted(injection, "continued (SIGCONT)");
        }
    }
}
