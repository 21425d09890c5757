package io.flightpath.control.api;

import io.flightpath.core.sharding.KeyRange;
import java.time.Instant;
import java.util.Map;

/**
 * One online split as persisted: which range moves from which shard to which, the next step to
 * run, its state, the outputs earlier steps recorded (GTID positions, map versions, checksums),
 * and who runs it. {@code step} and {@code state} are enum names owned by the split module.
 */
public record SplitRecord(long id, String source, String target, KeyRange range, String step, String state,
                          Map<String, String> outputs, String owner, Instant heartbeat, String lastError,
                          Instant createdAt, Instant updatedAt) {
    public SplitRecord {
        outputs = Map.copyOf(outputs);
    }
}
