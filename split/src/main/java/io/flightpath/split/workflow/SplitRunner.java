package io.flightpath.split.workflow;

import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import io.flightpath.core.AccountSid;
import io.flightpath.core.sharding.KeyRange;
import java.time.Clock;
import java.time.Duration;
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
        for (Step step : Step.values()) {
            if (step != Step.DONE) {
                STEPS.put(step, work(step));
            }
        }
    }

    /** What each step does; the switch has no default, so a step without its work does not compile. */
    private static SplitStep work(Step step) {
        return switch (step) {
            case CLONE_TARGET -> new CloneTarget();
            case WAIT_FOR_CATCH_UP -> new WaitForCatchUp();
            case VERIFY_COPY -> new VerifyCopy();
            case MOVE_READS -> new MoveReads();
            case SPLIT_SEQUENCES -> new SplitSequences();
            case MOVE_WRITES -> new MoveWrites();
            case CUT_REPLICATION -> new CutReplication();
            case DELETE_FOREIGN_ROWS -> new DeleteForeignRows();
            case REBUILD_TABLES -> new RebuildTables();
            case VERIFY -> new Verify();
            case DONE -> throw new IllegalArgumentException("DONE has no work");
        };
    }

    /** Called after a step applied and before it is saved: tests crash the run here. */
    @FunctionalInterface
    public interface StepHook {
        void applied(Step step);

        StepHook NONE = step -> { };
    }

    /** How often a running split reports its progress to the control store at most. */
    static final Duration LIVE_EVERY = Duration.ofSeconds(1);
    /** The output naming the account a split of one key isolates. */
    public static final String ISOLATED_ACCOUNT = "isolated_account";
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
        check(source, target, range);
        return registry.create(source, target, range);
    }

    /**
     * Plans the split that moves {@code account}'s key alone from {@code source} to {@code
     * target}, with the account recorded in its outputs ({@link #ISOLATED_ACCOUNT}): the maps hold
     * only the key, and operators look for the account.
     */
    public SplitRecord isolate(String source, String target, AccountSid account) {
        SplitRecord split = plan(source, target, KeyRange.of(ShardKey.of(account)));
        registry.claim(split.id(), owner, settings.staleClaim());
        return registry.advance(split.id(), owner, split.step(), State.PENDING, Map.of(ISOLATED_ACCOUNT, account.value()), null);
    }

    /** What a new split would do, checked as {@link #plan} checks it, without saving anything (--dry-run). */
    public List<String> preview(String source, String target, KeyRange range) {
        check(source, target, range);
        return describe(SplitRecord.unsaved(source, target, range));
    }

    private void check(String source, String target, KeyRange range) {
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
    }

    /** Runs the split from its stored step to the end; safe to call again after a crash (--resume). */
    public SplitRecord run(long id) {
        SplitRecord split = registry.claim(id, owner, settings.staleClaim());
        try (Heartbeat beat = new Heartbeat(() -> registry.claim(id, owner, settings.staleClaim()), settings.heartbeat(),
                "split-" + id + "-heartbeat");
             LiveSplitProgress live = new LiveSplitProgress(progress, registry, id, settings.niceRatio(), clock, LIVE_EVERY)) {
            while (true) {
                Step step = split.step();
                if (step == Step.DONE) {
                    return split;
                }
                SplitStep work = STEPS.get(step);
                SplitContext ctx = new SplitContext(split, routing, shards, settings, live, clock);
                try {
                    awaitUnblocked(step, work, ctx);
                    live.stepStarted(step, work.describe(ctx));
                    LOG.info("split {} step {}: {}", id, step.numbered(), work.describe(ctx));
                    work.apply(ctx);
                    hook.applied(step);
                    Step next = step.next();
                    split = registry.advance(id, owner, next, next == Step.DONE ? State.DONE : State.RUNNING, ctx.recorded(), null);
                    live.stepFinished(step, ctx.recorded().toString());
                } catch (RuntimeException e) {
                    beat.close(); // a last renewal must not mark the failed split running again
                    failed(id, step, e);
                    throw e;
                }
            }
        }
    }

    private void failed(long id, Step step, RuntimeException e) {
        try {
            registry.advance(id, owner, step, State.FAILED, Map.of(), step + ": " + e.getMessage());
        } catch (RuntimeException saveFailure) {
            e.addSuppressed(saveFailure);
        }
    }

    private void awaitUnblocked(Step step, SplitStep work, SplitContext ctx) {
        Instant deadline = clock.instant().plus(settings.blockedTimeout());
        Optional<String> why = work.blockedBy(ctx);
        String last = null;
        while (why.isPresent()) {
            if (clock.instant().isAfter(deadline)) {
                throw FlightpathException.failedPrecondition("%s is blocked: %s", step, why.get());
            }
            if (!why.get().equals(last)) {
                ctx.progress().note(step + " waits: " + why.get());
                last = why.get();
            }
            Pause.of(settings.heartbeat().dividedBy(4));
            why = work.blockedBy(ctx);
        }
    }

    /**
     * What the split would do from its stored step, without doing it (--dry-run): nothing once it
     * is done or aborted.
     */
    public List<String> describe(long id) {
        return describe(registry.find(id).orElseThrow(() -> FlightpathException.notFound("no split %d", id)));
    }

    private List<String> describe(SplitRecord split) {
        if (split.state().finished()) {
            return List.of();
        }
        SplitContext ctx = new SplitContext(split, routing, shards, settings, progress, clock);
        return STEPS.entrySet().stream()
                .filter(e -> e.getKey().compareTo(split.step()) >= 0)
                .map(e -> e.getKey().numbered() + ": " + e.getValue().describe(ctx))
                .toList();
    }
}
