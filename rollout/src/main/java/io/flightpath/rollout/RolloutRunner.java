package io.flightpath.rollout;

import io.flightpath.control.api.FlagService;
import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RolloutRecord.Phase;
import io.flightpath.control.api.RolloutRecord.State;
import io.flightpath.control.api.RolloutRegistry;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.core.FlightpathException;
import io.flightpath.split.workflow.Heartbeat;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.store.Database;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rollout as a plain loop, as the split runs: claim it, then for each remaining phase
 * log it, apply it and save the next phase with what the phase recorded. A crash between apply
 * and save repeats the phase, which is why every phase is idempotent; a failure saves the phase
 * as FAILED with the reason, and a resume runs it again.
 */
public final class RolloutRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutRunner.class);
    private static final Map<Phase, RolloutPhase> PHASES = new EnumMap<>(Phase.class);

    static {
        for (Phase phase : Phase.values()) {
            if (phase != Phase.DONE) {
                PHASES.put(phase, work(phase));
            }
        }
    }

    /** What each phase does; the switch has no default, so a phase without its work does not compile. */
    private static RolloutPhase work(Phase phase) {
        return switch (phase) {
            case SERVICES_IN_FRONT -> new ServicesInFront();
            case SHADOW_COMPARE -> new ShadowCompare();
            case FLIP_ACCOUNTS -> new FlipAccounts();
            case SPLIT_INFLIGHT -> new SplitInflight();
            case LEGACY_BECOMES_SHARD0 -> new LegacyBecomesShard0();
            case SHARD -> new Shard();
            case DONE -> throw new IllegalArgumentException("DONE has no work");
        };
    }

    /** What the rollout works on: the control store's services, the legacy database, Shadow's report, the API's traffic, the shards. */
    public record Parts(RolloutRegistry registry, FlagService flags, RoutingService routing, SplitRegistry splits, ShardDirectory shards,
                        Database legacyDb, ShadowView shadow, ServicesTraffic traffic) {
    }

    /** Called after a phase applied and before it is saved: tests kill the run here. */
    @FunctionalInterface
    public interface PhaseHook {
        void applied(Phase phase);

        PhaseHook NONE = phase -> { };
    }

    private final Parts parts;
    private final RolloutSettings settings;
    private final RolloutProgress progress;
    private final Clock clock;
    private final String owner;
    private final PhaseHook hook;

    public RolloutRunner(Parts parts, RolloutSettings settings, RolloutProgress progress, Clock clock, String owner, PhaseHook hook) {
        this.parts = parts;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
        this.owner = owner;
        this.hook = hook;
    }

    /** Records a new rollout; CONFLICT while one is unfinished, FAILED_PRECONDITION when one finished already. */
    public RolloutRecord plan() {
        Optional<RolloutRecord> done = parts.registry().list(20).stream().filter(r -> r.state() == State.DONE).findFirst();
        if (done.isPresent()) {
            throw FlightpathException.failedPrecondition("rollout %d is done already: this store is in the after shape", done.get().id());
        }
        return parts.registry().create();
    }

    /** The rollout to resume: the unfinished one. */
    public RolloutRecord unfinished() {
        return parts.registry().list(20).stream().filter(r -> !r.state().finished()).findFirst()
                .orElseThrow(() -> FlightpathException.notFound("no unfinished rollout; `flightpath rollout run` starts one"));
    }

    /** Runs the rollout from its stored phase, through {@code until} (inclusive; DONE for all of it). */
    public RolloutRecord run(long id, Phase until) {
        RolloutRecord rollout = parts.registry().claim(id, owner, settings.staleClaim());
        try (Heartbeat beat = new Heartbeat(() -> parts.registry().claim(id, owner, settings.staleClaim()), settings.heartbeat(),
                "rollout-" + id + "-heartbeat")) {
            while (rollout.phase() != Phase.DONE && rollout.phase().compareTo(until) <= 0) {
                Phase phase = rollout.phase();
                RolloutPhase work = PHASES.get(phase);
                RolloutContext ctx = new RolloutContext(rollout, parts, settings, progress, clock);
                long started = System.nanoTime();
                try {
                    progress.phaseStarted(phase, work.describe(ctx));
                    LOG.info("rollout {} phase {}: {}", id, phase.numbered(), work.describe(ctx));
                    work.apply(ctx);
                    hook.applied(phase);
                    ctx.record("seconds", String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
                    Phase next = phase.next();
                    rollout = parts.registry().advance(id, owner, next, next == Phase.DONE ? State.DONE : State.RUNNING, ctx.recorded(), null);
                    progress.phaseFinished(phase, ctx.recorded().toString());
                } catch (RuntimeException e) {
                    beat.close(); // a last renewal must not mark the failed rollout running again
                    failed(id, phase, ctx, e);
                    throw e;
                }
            }
            return rollout;
        }
    }

    private void failed(long id, Phase phase, RolloutContext ctx, RuntimeException e) {
        try {
            parts.registry().advance(id, owner, phase, State.FAILED, ctx.recorded(), phase + ": " + e.getMessage());
        } catch (RuntimeException saveFailure) {
            e.addSuppressed(saveFailure);
        }
    }

    /** What the rollout would do from its stored phase (or from the start), without doing it (--dry-run). */
    public List<String> describe(Optional<RolloutRecord> rollout) {
        if (rollout.isPresent() && rollout.get().state().finished()) {
            return List.of();
        }
        RolloutRecord from = rollout.orElse(new RolloutRecord(0, Phase.SERVICES_IN_FRONT, State.PENDING, Map.of(), null, null, null, null, null));
        RolloutContext ctx = new RolloutContext(from, parts, settings, progress, clock);
        return PHASES.entrySet().stream()
                .filter(e -> e.getKey().compareTo(from.phase()) >= 0)
                .map(e -> e.getKey().numbered() + (e.getKey() == Phase.POINT_OF_NO_RETURN ? " (point of no return)" : "") + ": "
                        + e.getValue().describe(ctx))
                .toList();
    }

    /**
     * Rolls an unfinished rollout back to the legacy shape: every account on the legacy path, every
     * node in the LEGACY shape, acknowledged. Refused from the point of no return on, with the reason.
     */
    public RolloutRecord abort(long id) {
        RolloutRecord stored = parts.registry().find(id).orElseThrow(() -> FlightpathException.notFound("no rollout %d", id));
        Nodes nodes = new Nodes(parts.flags(), settings.ackTimeout(), clock);
        // refused before the claim, so a refusal leaves the rollout as it was
        if (!stored.phase().abortable() || nodes.shape().atLeast(RolloutShape.DEDICATED_INFLIGHT)) {
            throw FlightpathException.failedPrecondition("rollout %d is past its point of no return (%s): new records live in the dedicated "
                    + "in-flight database, which the legacy path does not read; only `rollout resume` goes on", id, Phase.POINT_OF_NO_RETURN);
        }
        RolloutRecord rollout = parts.registry().claim(id, owner, settings.staleClaim());
        java.util.function.Consumer<String> notes = m -> progress.note(rollout.phase(), m);
        if (parts.flags().find(Flags.SERVICES_PATH).isPresent()) {
            nodes.servicesTo(0, "rollout aborted", notes);
        }
        if (parts.flags().find(RolloutShape.FLAG).isPresent()) {
            nodes.moveTo(RolloutShape.LEGACY, "rollout aborted", notes);
        }
        return parts.registry().advance(id, owner, rollout.phase(), State.ABORTED, Map.of("aborted_at", rollout.phase().name()), null);
    }
}
