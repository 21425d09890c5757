package io.flightpath.control.api;

import java.time.Instant;

/**
 * "Node {@code nodeId} works by version {@code version} of {@code subject}, and says so until
 * {@code leaseUntil}": the one notion of acknowledgement shared by the shard maps and the flags.
 * A node whose lease ran out is silent: it is not counted as having acknowledged anything.
 */
public record Acknowledgement(String nodeId, String subject, long version, Instant lastSeen, Instant leaseUntil) {
    public static final String READ_MAP = "read-map";
    public static final String WRITE_MAP = "write-map";
    public static final String POOL_GENERATION = "pool-generation";
    public static final String FLAGS = "flags";

    public boolean isLive(Instant now) {
        return leaseUntil.isAfter(now);
    }
}
