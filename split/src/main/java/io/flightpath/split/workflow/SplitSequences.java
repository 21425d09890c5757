package io.flightpath.split.workflow;

import io.flightpath.control.api.RoutingState;
import io.flightpath.split.replication.Sequences;
import java.util.Optional;

/**
 * SPLIT_SEQUENCES: source and target generate disjoint AUTO_INCREMENT ids (odd and even), and every node
 * recycles its shard connections so none keeps the old session values once writes move.
 */
final class SplitSequences implements SplitStep {
    @Override
    public Optional<String> blockedBy(SplitContext ctx) {
        return Lag.blocking(ctx);
    }

    @Override
    public void apply(SplitContext ctx) {
        new Sequences(ctx.source(), ctx.target()).split();
        int generation;
        Optional<String> done = ctx.output("sequences.generation");
        RoutingState state = ctx.routing().state();
        if (done.isPresent() && state.poolGeneration() >= Integer.parseInt(done.get())) {
            generation = Integer.parseInt(done.get());
        } else {
            generation = ctx.routing().publish(null, null, true, ctx.note() + ": odd/even ids").poolGeneration();
            ctx.record("sequences.generation", Integer.toString(generation));
        }
        ctx.acks().poolGeneration(generation);
    }

    @Override
    public String describe(SplitContext ctx) {
        return "give " + ctx.split().source() + " odd and " + ctx.split().target() + " even ids, and recycle every node's connections";
    }
}
