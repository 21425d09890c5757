package io.flightpath.rollout;

import io.flightpath.core.FlightpathException;
import io.flightpath.legacy.rekey.KeyCheck;
import io.flightpath.legacy.rekey.ShardKeyMigration;
import io.flightpath.legacy.rekey.ShardKeyMigration.Step;
import java.util.List;

/**
 * LEGACY_BECOMES_SHARD0: the schema changes online (the column and its index built online, then,
 * once every node writes the shard key into the legacy tables, the paced backfill, NOT NULL, the
 * record schema's history; see {@link ShardKeyMigration}), the shard maps name the legacy database as
 * shard0, and every node moves its post-flight service to the shard router, which turns the
 * legacy path off. Each migration step observes first, so a repeat after a kill redoes nothing.
 */
final class LegacyBecomesShard0 implements RolloutPhase {
    @Override
    public void apply(RolloutContext ctx) {
        Nodes nodes = ctx.nodes();
        long[] lastNote = {0};
        ShardKeyMigration migration = new ShardKeyMigration(ctx.legacyDb(), nodes::behind, ctx.settings().rekey(), p -> {
            long now = System.nanoTime();
            if (now - lastNote[0] >= 2_000_000_000L || p.left() == 0) { // a line every 2 s, not one per batch
                lastNote[0] = now;
                ctx.note(p.step() + " " + p.table() + ": " + p.done() + " done, " + p.left() + " left");
            }
        });
        for (Step step : Step.values()) {
            if (step == Step.BACKFILL) {
                // the column and its index exist now: every writer writes keys before a row is backfilled
                ctx.note(RolloutShape.KEYED_WRITES.value() + " starts");
                nodes.moveTo(RolloutShape.KEYED_WRITES, "every insert into the legacy tables writes the shard key", ctx::note);
            }
            ctx.note(step + " starts");
            long started = System.nanoTime();
            ShardKeyMigration.Outcome outcome = migration.run(step);
            ctx.note(step + ": " + (outcome == ShardKeyMigration.Outcome.ALREADY_DONE ? "already done" : "done in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms"));
            ctx.record(step.name().toLowerCase(java.util.Locale.ROOT) + "_ms", (System.nanoTime() - started) / 1_000_000);
        }
        List<KeyCheck> checks = migration.check();
        if (!checks.stream().allMatch(KeyCheck::passed)) {
            throw FlightpathException.internal("the legacy tables' shard keys do not check out: %s", checks);
        }
        ctx.routing().initialize(List.of(ctx.legacyShard()));
        ctx.note(RolloutShape.SHARD_ROUTER.value() + " starts");
        nodes.moveTo(RolloutShape.SHARD_ROUTER, "the post-flight service routes by the shard maps; the legacy path is off", ctx::note);
        ctx.record("rows", checks.stream().mapToLong(KeyCheck::rows).sum());
    }

    @Override
    public String describe(RolloutContext ctx) {
        return "change the legacy tables online (column, index; every node writing keys; paced backfill, NOT NULL), "
                + "name them shard0 in the maps and move every node to the shard router (the legacy path off)";
    }
}
