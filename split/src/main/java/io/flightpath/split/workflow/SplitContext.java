package io.flightpath.split.workflow;

import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.split.replication.Replication;
import io.flightpath.split.replication.ShardServer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What a step works with: the split as persisted, the shards, the routing, and the outputs it records. */
public final class SplitContext {
    private final SplitRecord split;
    private final RoutingService routing;
    private final ShardDirectory shards;
    private final SplitSettings settings;
    private final SplitProgress progress;
    private final Clock clock;
    private final AckWaiter acks;
    private final Map<String, String> recorded = new LinkedHashMap<>();

    SplitContext(SplitRecord split, RoutingService routing, ShardDirectory shards, SplitSettings settings,
                 SplitProgress progress, Clock clock) {
        this.split = split;
        this.routing = routing;
        this.shards = shards;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
        this.acks = new AckWaiter(routing, clock, settings.ackTimeout());
    }

    public SplitRecord split() {
        return split;
    }

    public KeyRange range() {
        return split.range();
    }

    public ShardServer source() {
        return shards.require(split.source());
    }

    public ShardServer target() {
        return shards.require(split.target());
    }

    ShardDirectory shards() {
        return shards;
    }

    public Replication replication() {
        return new Replication(source(), target());
    }

    public RoutingService routing() {
        return routing;
    }

    AckWaiter acks() {
        return acks;
    }

    public SplitSettings settings() {
        return settings;
    }

    public SplitProgress progress() {
        return progress;
    }

    /** Work done within the step being run, for its progress bar (total 0 when unknown). */
    public void advanced(long done, long total, String unit) {
        progress.advanced(split.step(), done, total, unit);
    }

    public Clock clock() {
        return clock;
    }

    /** An output an earlier step recorded (or this one, in this run). */
    public Optional<String> output(String key) {
        return Optional.ofNullable(recorded.getOrDefault(key, split.outputs().get(key)));
    }

    public void record(String key, String value) {
        recorded.put(key, value);
    }

    Map<String, String> recorded() {
        return recorded;
    }

    String note() {
        return "split " + split.id() + " (" + split.range() + " from " + split.source() + " to " + split.target() + ")";
    }
}
