package io.flightpath.rollout;

import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.legacy.LegacyRecords;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.store.Database;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a phase works with: the rollout as stored, the control store's services, the legacy database, and what the phase records. */
final class RolloutContext {
    private final RolloutRecord rollout;
    private final RolloutRunner.Parts parts;
    private final Nodes nodes;
    private final RolloutSettings settings;
    private final RolloutProgress progress;
    private final Clock clock;
    private final Map<String, String> recorded = new LinkedHashMap<>();

    RolloutContext(RolloutRecord rollout, RolloutRunner.Parts parts, RolloutSettings settings, RolloutProgress progress, Clock clock) {
        this.rollout = rollout;
        this.parts = parts;
        this.nodes = new Nodes(parts.flags(), settings.ackTimeout(), clock);
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
    }

    RolloutRecord rollout() {
        return rollout;
    }

    Nodes nodes() {
        return nodes;
    }

    RoutingService routing() {
        return parts.routing();
    }

    SplitRegistry splits() {
        return parts.splits();
    }

    ShardDirectory shards() {
        return parts.shards();
    }

    Database legacyDb() {
        return parts.legacyDb();
    }

    LegacyRecords legacy() {
        return new LegacyRecords(parts.legacyDb(), clock);
    }

    /** The legacy database as the shard it becomes. */
    ShardAddress legacyShard() {
        var c = parts.legacyDb().config();
        return new ShardAddress(Shard.FIRST, c.host(), c.port(), c.database());
    }

    ShadowView shadow() {
        return parts.shadow();
    }

    ServicesTraffic traffic() {
        return parts.traffic();
    }

    RolloutSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    void note(String message) {
        progress.note(rollout.phase(), message);
    }

    RolloutProgress progress() {
        return progress;
    }

    void record(String key, Object value) {
        recorded.put(rollout.phase().name().toLowerCase(java.util.Locale.ROOT) + "." + key, String.valueOf(value));
    }

    Map<String, String> recorded() {
        return recorded;
    }
}
