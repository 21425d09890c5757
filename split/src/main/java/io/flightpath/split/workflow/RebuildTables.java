package io.flightpath.split.workflow;

import io.flightpath.split.replication.ShardServer;
import io.flightpath.split.replication.TableRebuild;
import java.time.Duration;
import java.util.Optional;

/** REBUILD_TABLES: both shards rebuild their keyed tables online, giving the deleted rows' space back. */
final class RebuildTables implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        return Optional.empty();
    }

    @Override
    public void apply(SplitContext ctx) {
        for (ShardServer shard : new ShardServer[] {ctx.source(), ctx.target()}) {
            TableRebuild rebuild = new TableRebuild(shard, Duration.ofSeconds(30));
            for (String table : shard.keyedTables().names()) {
                TableRebuild.Rebuilt r = rebuild.rebuild(table);
                String key = "rebuild." + shard.name() + "." + table;
                if (ctx.output(key + ".before_bytes").isEmpty()) { // a rerun keeps the size from before the first rebuild
                    ctx.record(key + ".before_bytes", Long.toString(r.before().fileBytes()));
                }
                ctx.record(key + ".after_bytes", Long.toString(r.after().fileBytes()));
            }
        }
    }

    @Override
    public String describe(SplitContext ctx) {
        return "rebuild " + String.join(", ", ctx.source().keyedTables().names()) + " online on " + ctx.split().source()
                + " and " + ctx.split().target();
    }
}
