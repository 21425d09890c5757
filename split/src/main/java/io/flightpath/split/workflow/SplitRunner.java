package io.flightpath.split.workflow;

import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.KeyRange;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a split as a plain loop: claim the workflow, then for each remaining step check whether it
 * is blocked (waiting while it is), log it, apply it, and save the next step with the step's
 * outputs. A crash between apply and save repeats the step, which is why every step is idempotent.
 */
public final class SplitRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SplitRunner.class);
    private static final Map<Step, SplitStep> STEPS = new EnumMap<>(Step.class);

    static {
        for (SplitStep s : List.of(new CloneTarget(), new WaitForCatchUp(), new VerifyCopy(), new MoveReads(),
                new SplitSequences(), new MoveWrites(), new CutReplication(), new DeleteForeignRows(), new RebuildTables(), new Verify())) {
            STEPS.put(s.id(), s);
        }
    }

    /** Called after a step applied and before it is saved: tests crash the run here. */
    @FunctionalInterface
    public interface StepHook {
        void applied(Step step);

        StepHook NONE = step -> { };
    }

    private final SplitRegistry registry;
    private final RoutingService routing;
    private final ShardDirectory shards;
    private final SplitSettings settings;
    private final SplitProgress progress;
    private final Clock clock;
    private final String owner;
    private final StepHook hook;

    public SplitRunner(SplitRegistry registry, RoutingService routing, ShardDirectory shards, SplitSettings settings,
                       SplitProgress progress, Clock clock, String owner, StepHook hook) {
        this.registry = registry;
        this.routing = routing;
        this.shards = shards;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
        this.owner = owner;
        this.hook = hook;
    }

    /** Records a new split; CONFLICT when its source already has an unfinished one, INVALID_ARGUMENT for a bad order. */
    public SplitRecord plan(String source, String target, KeyRange range) {
        if (source.equals(target)) {
            throw FlightpathException.invalid("source and target must differ, both are %s", source);
        }
        if (shards.find(target).isPresent()) {
            throw FlightpathException.invalid("target %s is already a shard; a split moves a range to a new shard", target);
        }
        shards.require(source);
        if (!CloneTarget.owns(routing.state().write(), source, range)) {
            throw FlightpathException.invalid("%s does not own all of %s", source, range);
        }
        return registry.create(source, target, range, Step.CLONE_TARGET.name());
    }

    /** Runs the split from its stored step to the end; safe to call again after a crash (--resume). */
    public SplitRecord run(long id) {
        SplitRecord split = registry.claim(id, owner, settings.staleClaim());
        Heartbeat beat = new Heartbeat(id);
        try {
            while (true) {
                Step step = Step.valueOf(split.step());
                if (step == Step.DONE) {
                    return split;
                }
                SplitStep work = STEPS.get(step);
                SplitContext ctx = new SplitContext(split, routing, shards, settings, progress, clock);
                try {
                    awaitUnblocked(work, ctx);
                    progress.stepStarted(step, work.describe(ctx));
                    LOG.info("split {} step {}/{} {}: {}", id, step.number(), Step.count(), step, work.describe(ctx));
                    work.apply(ctx);
                    hook.applied(step);
                    Step next = step.next();
                    split = registry.advance(id, owner, next.name(), next == Step.DONE ? "DONE" : "RUNNING", ctx.recorded(), null);
                    progress.stepFinished(step, ctx.recorded().toString());
                } catch (RuntimeException e) {
                    beat.stop(); // a last renewal must not mark the failed split running again
                    failed(id, step, e);
                    throw e;
                }
            }
        } finally {
            beat.stop();
        }
    }

    /**
     * Renews the claim every heartbeat for as long as the run lasts, long steps included (a copy or
     * a deletion takes minutes), so that no other run takes over a split that is still running.
     */
    private final class Heartbeat {
        private final Thread thread;

        Heartbeat(long id) {
            thread = Thread.ofVirtual().name("split-" + id + "-heartbeat").start(() -> {
                while (true) {
                    try {
                        Thread.sleep(settings.heartbeat());
                        registry.claim(id, owner, settings.staleClaim());
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            return; // stopped while renewing
                        }
                        LOG.warn("split {}: cannot renew its claim: {}", id, e.getMessage());
                    }
                }
            });
        }

        void stop() {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void failed(long id, Step step, RuntimeException e) {
        try {
            registry.advance(id, owner, step.name(), "FAILED", Map.of(), step + ": " + e.getMessage());
        } catch (RuntimeException saveFailure) {
            e.addSuppressed(saveFailure);
        }
    }

    private void awaitUnblocked(SplitStep work, SplitContext ctx) {
        Instant deadline = clock.instant().plus(settings.blockedTimeout());
        Optional<String> why = work.blockedBy(ctx);
        String last = null;
        while (why.isPresent()) {
            if (clock.instant().isAfter(deadline)) {
                throw FlightpathException.failedPrecondition("%s is blocked: %s", work.id(), why.get());
            }
            if (!why.get().equals(last)) {
                progress.note(work.id() + " waits: " + why.get());
                last = why.get();
            }
            Pause.of(settings.heartbeat().dividedBy(4));
            why = work.blockedBy(ctx);
        }
    }

    /** What the split would do from its stored step, without doing it (--dry-run). */
    public List<String> describe(long id) {
        SplitRecord split = registry.find(id).orElseThrow(() -> FlightpathException.notFound("no split %d", id));
        SplitContext ctx = new SplitContext(split, routing, shards, settings, progress, clock);
        return STEPS.values().stream()
                .filter(s -> s.id().ordinal() >= Step.valueOf(split.step()).ordinal())
                .map(s -> s.id().number() + ". " + s.id() + ": " + s.describe(ctx))
                .toList();
    }
}
