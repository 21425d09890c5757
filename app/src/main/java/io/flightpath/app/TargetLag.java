package io.flightpath.app;

import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.split.replication.Replication;
import io.flightpath.split.replication.ShardServer;
import java.time.Duration;

/**
 * The split's target lagging its source after each of the split's steps, held for the fault's
 * length while the split waits in its hook and the load goes on: either its SQL thread stopped
 * ({@code STOP SLAVE SQL_THREAD}: nothing applied), or its replication delayed by half the fault
 * ({@code MASTER_DELAY}: applying, but late). Lifted, the split's next step throttles on the lag
 * that is left. Reads of the moving range must miss nothing meanwhile.
 */
final class TargetLag implements SplitFault {
    enum How { STALL, DELAY }

    private final SplitFault.Context context;
    private final How how;

    TargetLag(SplitFault.Context context, How how) {
        this.context = context;
        this.how = how;
    }

    @Override
    public void applied(Step step) {
        if (!context.steps().contains(step)) {
            return;
        }
        Replication link = new Replication(context.shards().require(context.plan().source()), context.shards().require(context.plan().target()));
        ShardServer target = link.target();
        String connection = "'" + link.connectionName() + "'";
        long delay = Math.max(1, context.lasts().toSeconds() / 2);
        String what = how == How.STALL ? "the target's SQL thread stopped for " + Setting.format(context.lasts())
                : "the target's replication delayed by " + delay + " s (MASTER_DELAY) for " + Setting.format(context.lasts());
        int injection = -1;
        try {
            if (how == How.STALL) {
                target.execute("stall the target's SQL thread", "STOP SLAVE " + connection + " SQL_THREAD");
            } else {
                delay(target, connection, delay);
            }
            injection = context.log().injected(step, what);
            Thread.sleep(context.lasts()); // the fault itself: the split waits here, the load goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // lifted even when the injection failed half-way, so that the split is never left behind a stopped link
            if (how == How.STALL) {
                target.execute("resume the target's SQL thread", "START SLAVE " + connection + " SQL_THREAD");
            } else {
                delay(target, connection, 0);
            }
            if (injection >= 0) {
                context.log().lifted(injection, how == How.STALL ? "SQL thread started again" : "delay back to 0");
            }
        }
    }

    /** MariaDB changes MASTER_DELAY only with both threads of the link stopped; other settings of the link stay. */
    private static void delay(ShardServer target, String connection, long seconds) {
        target.execute("set the target's MASTER_DELAY to " + seconds, "STOP SLAVE " + connection,
                "CHANGE MASTER " + connection + " TO MASTER_DELAY = " + seconds, "START SLAVE " + connection);
    }
}
