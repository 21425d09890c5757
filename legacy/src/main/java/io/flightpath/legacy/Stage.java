package io.flightpath.legacy;

import io.flightpath.core.RecordStatus;
import io.flightpath.store.Conditions;
import java.util.Arrays;
import java.util.List;

/**
 * Which rows of the legacy tables a reader sees, by the record's status: the legacy path sees
 * them all, a service in front of the tables only the rows of its own stage.
 */
public enum Stage {
    IN_FLIGHT, POST_FLIGHT, ANY;

    boolean holds(RecordStatus status) {
        return this == ANY || status.isPostFlight() == (this == POST_FLIGHT);
    }

    /** {@code where} limited to the rows of this stage, for a record kind whose statuses are {@code all}. */
    Conditions restrict(Conditions where, RecordStatus[] all) {
        return this == ANY ? where : where.in("status", statuses(all));
    }

    /** The wire words of the statuses of this stage, for a record kind whose statuses are {@code all}. */
    List<String> statuses(RecordStatus[] all) {
        return Arrays.stream(all).filter(this::holds).map(RecordStatus::wire).toList();
    }
}
