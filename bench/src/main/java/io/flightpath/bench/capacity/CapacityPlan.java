package io.flightpath.bench.capacity;

import java.time.Duration;

/**
 * What one load needs, by the capacity model: post-flight shards by each resource (fractional, as
 * the load fills them) and the whole number it takes, the resource that binds, in-flight stores,
 * the records kept, and how long one split of a shard of that size takes.
 */
public record CapacityPlan(Workload load, double byWrites, double byStorage, double byReads, int shards, Resource binds,
                           double inflightStores, double storedRecords, double storedBytes, double recordsPerShard, Duration splitOfOneShard) {
    /** The resource a count of shards is set by. */
    public enum Resource {
        WRITES, STORAGE, READS;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The largest of the three needs: the shards this load fills, as a fraction. */
    public double need() {
        return Math.max(byWrites, Math.max(byStorage, byReads));
    }
}
