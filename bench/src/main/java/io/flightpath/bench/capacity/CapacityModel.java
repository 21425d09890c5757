package io.flightpath.bench.capacity;

import io.flightpath.bench.capacity.CapacityPlan.Resource;
import java.time.Duration;
import java.util.Optional;

/**
 * The capacity model: how many post-flight shards and in-flight stores a load needs on machines
 * like the ones the figures were measured on, and when the next split is due as the load grows.
 * Records of one account live on one shard, so every insert, fetch and page is one shard's work;
 * the shards share the load evenly (no hot account: see docs/capacity.md for where that is wrong).
 */
public final class CapacityModel {
    private final CapacityFigures figures;

    public CapacityModel(CapacityFigures figures) {
        this.figures = figures;
    }

    public CapacityPlan plan(Workload load) {
        double records = load.recordsPerSecond();
        double u = figures.utilisation();
        CapacityFigures.Shard shard = figures.shard();
        double byWrites = records / (shard.insertsPerSecond() * u);
        double byReads = records * load.fetchesPerRecord() / (shard.pointReadsPerSecond() * u)
                + records * load.pagesPerRecord() / (shard.pagesPerSecond() * u);
        // kept at this rate for the whole retention: an upper bound while the load grows (docs/capacity.md)
        double stored = records * load.retention().toSeconds();
        double bytes = stored * shard.bytesPerRecord();
        double byStorage = bytes / shard.storageBytes();
        int shards = Math.max(1, (int) Math.ceil(Math.max(byWrites, Math.max(byStorage, byReads)) - 1e-9));
        Resource binds = byStorage >= byWrites && byStorage >= byReads ? Resource.STORAGE : byWrites >= byReads ? Resource.WRITES : Resource.READS;
        double perShard = stored / shards;
        double inflight = records / (figures.inflight().lifecyclesPerSecond() * u);
        return new CapacityPlan(load, byWrites, byStorage, byReads, shards, binds, inflight, stored, bytes, perShard, splitTime(perShard));
    }

    /** One split of a shard of {@code rows}: the copy of all of them, the deletion of each side's foreign half, the rebuild of both. */
    public Duration splitTime(double rows) {
        CapacityFigures.Split s = figures.split();
        double seconds = rows / s.copyRowsPerSecond() + rows / s.deleteRowsPerSecond() + rows / s.rebuildRowsPerSecond();
        return Duration.ofSeconds((long) Math.ceil(seconds));
    }

    /**
     * When the load, growing by its yearly factor, fills {@code shards} shards, less the time one
     * split of such a shard takes, so that the split is finished by then: zero when it is due now,
     * empty when the load does not grow.
     */
    public Optional<Duration> nextSplitDue(Workload load, int shards) {
        CapacityPlan now = plan(load);
        double need = now.need();
        if (need >= shards) {
            return Optional.of(Duration.ZERO);
        }
        if (load.growthPerYear() <= 1) {
            return Optional.empty();
        }
        double years = Math.log(shards / need) / Math.log(load.growthPerYear());
        long seconds = (long) (years * 365.25 * 86_400) - plan(load.times(shards / need)).splitOfOneShard().toSeconds();
        return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    }
}
