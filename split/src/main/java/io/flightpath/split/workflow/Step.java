package io.flightpath.split.workflow;

/**
 * The steps of an online split, in the only order they can run. Until MOVE_WRITES has run, a
 * split can be rolled back; MOVE_WRITES is the point of no return: from then on the target owns
 * writes of the range and the source's copy is stale.
 */
public enum Step {
    CLONE_TARGET,
    WAIT_FOR_CATCH_UP,
    VERIFY_COPY,
    MOVE_READS,
    SPLIT_SEQUENCES,
    MOVE_WRITES,
    CUT_REPLICATION,
    DELETE_FOREIGN_ROWS,
    REBUILD_TABLES,
    VERIFY,
    DONE;

    public Step next() {
        return this == DONE ? DONE : values()[ordinal() + 1];
    }

    /** Whether a split whose next step is this one can still be aborted. */
    public boolean abortable() {
        return ordinal() <= MOVE_WRITES.ordinal();
    }

    /** 1-based position among the steps that do work, for progress lines. */
    public int number() {
        return ordinal() + 1;
    }

    public static int count() {
        return DONE.ordinal();
    }
}
