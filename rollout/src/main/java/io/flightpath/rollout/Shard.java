package io.flightpath.rollout;

import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.core.AccountSid;
import io.flightpath.core.ShardKey;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.postflight.schema.KeyedTables;
import io.flightpath.split.workflow.SplitProgress;
import io.flightpath.split.workflow.SplitRunner;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SHARD: shard0 becomes N shards (4 by default) through the online split, always halving the
 * widest range, and then the account with most records moves to a shard of its own. Observes the
 * maps and the split registry first: an unfinished split is resumed, a done one is not repeated.
 */
final class Shard implements RolloutPhase {
    static final String FIRST = "shard0";

    @Override
    public void apply(RolloutContext ctx) {
        SplitRunner runner = new SplitRunner(ctx.splits(), ctx.routing(), ctx.shards(), ctx.settings().split(), progress(ctx), ctx.clock(),
                "rollout-" + ctx.rollout().id() + "-" + ProcessHandle.current().pid(), SplitRunner.StepHook.NONE);
        int splits = 0;
        while (true) {
            Optional<SplitRecord> unfinished = ctx.splits().list(50).stream().filter(s -> !s.state().finished()).findFirst();
            if (unfinished.isPresent()) {
                ctx.note("resumes split " + unfinished.get().id() + " (" + unfinished.get().source() + " to " + unfinished.get().target() + ")");
                runner.run(unfinished.get().id());
                splits++;
                continue;
            }
            ShardMap write = ctx.routing().state().write();
            Optional<ShardMap.Entry> next = widestToHalve(write, ctx.settings().shards());
            if (next.isPresent()) {
                String target = nextShard(write);
                KeyRange range = next.get().range().upperHalf();
                ctx.note("splits " + range + " from " + next.get().shard() + " to " + target);
                runner.run(runner.plan(next.get().shard(), target, range).id());
                splits++;
                continue;
            }
            if (ctx.settings().isolate() && write.entries().stream().noneMatch(e -> e.range().size() == 1)) {
                String busiest = busiestAccount(ctx, ctx.routing().state());
                long key = ShardKey.of(AccountSid.parse(busiest));
                String target = nextShard(write);
                ctx.note("isolates " + busiest + " on " + target);
                ctx.record("isolated", busiest);
                runner.run(runner.isolate(write.lookup(key).shard(), target, AccountSid.parse(busiest)).id());
                splits++;
                continue;
            }
            break;
        }
        ShardMap write = ctx.routing().state().write();
        ctx.record("shards", write.shards().size());
        ctx.record("splits_run", splits);
    }

    /** The widest range to halve while fewer than {@code wanted} shards hold ranges wider than one key. */
    static Optional<ShardMap.Entry> widestToHalve(ShardMap write, int wanted) {
        long wide = write.entries().stream().filter(e -> e.range().size() > 1).map(ShardMap.Entry::shard).distinct().count();
        if (wide >= wanted) {
            return Optional.empty();
        }
        return write.entries().stream().filter(e -> e.range().size() > 1)
                .max(Comparator.comparing((ShardMap.Entry e) -> e.range().end() - e.range().start(), Long::compareUnsigned));
    }

    /** shardN for the first N above every shard the map names. */
    static String nextShard(ShardMap write) {
        int highest = write.shards().stream().filter(s -> s.matches("shard\\d+")).mapToInt(s -> Integer.parseInt(s.substring(5))).max().orElse(0);
        return "shard" + (highest + 1);
    }

    private static String busiestAccount(RolloutContext ctx, RoutingState state) {
        Map<String, Long> rows = new HashMap<>();
        for (String shard : state.write().shards()) {
            ctx.shards().require(shard).onDatabase("counting rows per account", c -> {
                for (String table : KeyedTables.RECORDS.names()) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT account_sid, COUNT(*) FROM " + table + " GROUP BY account_sid");
                         ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.merge(rs.getString(1), rs.getLong(2), Long::sum);
                        }
                    }
                }
                return null;
            });
        }
        return rows.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static SplitProgress progress(RolloutContext ctx) {
        return new SplitProgress() {
            @Override
            public void stepStarted(SplitRecord.Step step, String description) {
                ctx.note("split " + step.numbered() + ": " + description);
            }

            @Override
            public void advanced(SplitRecord.Step step, long done, long total, String unit) {
            }

            @Override
            public void stepFinished(SplitRecord.Step step, String summary) {
            }

            @Override
            public void note(String message) {
                ctx.note("split: " + message);
            }
        };
    }

    @Override
    public String describe(RolloutContext ctx) {
        return "split shard0 into " + ctx.settings().shards() + " shards with the online split"
                + (ctx.settings().isolate() ? ", then isolate the account with most records on a shard of its own" : "");
    }
}
