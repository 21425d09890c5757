package io.flightpath.split.workflow;

import java.util.Optional;

/**
 * The work of one step of the online split; the steps' names and order are {@link
 * io.flightpath.control.api.SplitRecord.Step}, and {@link SplitRunner} gives each its work.
 * {@link #apply} is idempotent: it observes first and acts only if needed, so a run that crashed
 * mid-step repeats it safely. {@link #blockedBy} is read-only.
 */
public sealed interface SplitStep permits CloneTarget, WaitForCatchUp, VerifyCopy, MoveReads, SplitSequences, MoveWrites,
        CutReplication, DeleteForeignRows, RebuildTables, Verify {

    /** Why the step cannot run now (lag too high, an earlier move not acknowledged), or empty. */
    Optional<String> blockedBy(SplitContext ctx);

    void apply(SplitContext ctx);

    /** What the step will do, for --dry-run and the log. */
    String describe(SplitContext ctx);
}
