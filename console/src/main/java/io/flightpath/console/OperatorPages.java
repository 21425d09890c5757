package io.flightpath.console;

import io.flightpath.console.Views.ChangeRow;
import io.flightpath.console.Views.Field;
import io.flightpath.console.Views.FlagRow;
import io.flightpath.console.Views.Holds;
import io.flightpath.console.Views.Isolated;
import io.flightpath.console.Views.Keyspace;
import io.flightpath.console.Views.NodeRow;
import io.flightpath.console.Views.Progress;
import io.flightpath.console.Views.RunningSplit;
import io.flightpath.console.Views.ShardRow;
import io.flightpath.console.Views.Stage;
import io.flightpath.console.Views.TableRow;
import io.flightpath.console.Views.Workflow;
import io.flightpath.control.api.FlagChange;
import io.flightpath.control.api.FlagNodeStatus;
import io.flightpath.control.api.FlagNodes;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.api.SplitLive;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.flags.Flag;
import io.flightpath.postflight.api.ShardStats;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The operators' pages: the shard maps and routing nodes, splits, account flags, the rollout and
 * the services' traffic. Each page's body is also served alone under {@code /live}, which the page
 * fetches again every second, so that a running split or rollout shows itself moving.
 */
final class OperatorPages {
    static final int HISTORY = 20;
    /** How many of the newest splits the shards page reads for the accounts they isolated; an older isolation shows its key only. */
    static final int ISOLATIONS = 200;
    /**
     * The output in which a split of one key names the account it isolates: the split module's
     * {@code SplitRunner.ISOLATED_ACCOUNT}, by its value, since the console does not depend on that module.
     */
    static final String ISOLATED_ACCOUNT = "isolated_account";

    /** One operator page: its menu entry, title, body template and what it reads. */
    record Page(String section, String title, String template, BiFunction<OperatorPages, Instant, Map<String, Object>> model) {
    }

    static final List<Page> ALL = List.of(
            new Page("shards", "Shards", "ops/shards.jte", OperatorPages::shards),
            new Page("splits", "Splits", "ops/splits.jte", OperatorPages::splits),
            new Page("flags", "Account flags", "ops/flags.jte", OperatorPages::flags),
            new Page("rollout", "Rollout", "ops/rollout.jte", OperatorPages::rollout),
            new Page("traffic", "Traffic", "ops/traffic.jte", OperatorPages::traffic));

    private final Operations sources;
    private final Pages pages;
    private final Clock clock;

    OperatorPages(Operations sources, Pages pages, Clock clock) {
        this.sources = sources;
        this.pages = pages;
        this.clock = clock;
    }

    void page(Context ctx, Session session, Page page) {
        pages.page(ctx, 200, Pages.Frame.of(page.title(), page.section(), session).live("/ops/" + page.section() + "/live"),
                page.template(), page.model().apply(this, clock.instant()));
    }

    void live(Context ctx, Page page) {
        Pages.html(ctx, pages.fragment(page.template(), page.model().apply(this, clock.instant())));
    }

    // --- shards ---------------------------------------------------------------------------

    private Map<String, Object> shards(Instant now) {
        RoutingState state;
        try {
            state = sources.routing().state();
        } catch (FlightpathException e) {
            if (e.code() != ErrorCode.FAILED_PRECONDITION) {
                throw e;
            }
            // the legacy shape has no maps until the rollout makes the legacy database shard0
            Map<String, Object> none = new HashMap<>();
            none.put("maps", List.of());
            none.put("shards", List.of());
            none.put("nodes", List.of());
            none.put("poolGeneration", 0);
            none.put("notice", e.getMessage());
            none.put("holdsNotice", null);
            return none;
        }
        Map<Long, String> accounts = isolatedAccounts(sources.splits().list(ISOLATIONS));
        Map<String, Holds> holds = new HashMap<>();
        String holdsNotice = null;
        if (sources.shards() == null) {
            holdsNotice = "No post-flight service to ask what each shard holds (serve console: set postflight.url).";
        } else {
            try {
                sources.shards().shardStats().forEach(s -> holds.put(s.shard(), holds(s)));
            } catch (FlightpathException e) {
                // the maps come from the control store: they are worth showing while the post-flight service is away
                holdsNotice = "What each shard holds could not be read: " + e.getMessage();
            }
        }
        List<String> names = new ArrayList<>(new TreeSet<>(state.shards().stream().map(ShardAddress::name).toList()));
        List<Keyspace> maps = List.of(Charts.keyspace("read", state.read(), names, accounts),
                Charts.keyspace("write", state.write(), names, accounts));
        List<ShardRow> shards = new ArrayList<>();
        for (ShardAddress s : state.shards().stream().sorted(java.util.Comparator.comparing(ShardAddress::name)).toList()) {
            List<KeyRange> reads = state.read().rangesOf(s.name());
            List<Isolated> isolated = state.write().rangesOf(s.name()).stream().filter(r -> r.start() == r.end())
                    .map(r -> new Isolated(Charts.hex(r.start()), accounts.get(r.start()))).toList();
            shards.add(new ShardRow(s.name(), Charts.color(s.name(), names), s.host() + ":" + s.port() + "/" + s.database(),
                    reads.size(), state.write().rangesOf(s.name()).size(), percent(Charts.share(reads)), isolated, holds.get(s.name())));
        }
        List<NodeRow> nodes = new ArrayList<>();
        for (NodeAck n : sources.routing().nodes()) {
            boolean current = n.readVersion() == state.read().version() && n.writeVersion() == state.write().version();
            nodes.add(new NodeRow(n.nodeId(), "read v" + n.readVersion() + ", write v" + n.writeVersion() + ", pools " + n.poolGeneration(),
                    age(n.lastSeen(), now), n.isLive(now), current));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("maps", maps);
        model.put("shards", shards);
        model.put("nodes", nodes);
        model.put("poolGeneration", state.poolGeneration());
        model.put("notice", null);
        model.put("holdsNotice", holdsNotice);
        return model;
    }

    /** The accounts isolated by the splits given, by their key: the maps hold only the key. */
    static Map<Long, String> isolatedAccounts(List<SplitRecord> splits) {
        Map<Long, String> accounts = new HashMap<>();
        for (SplitRecord s : splits) {
            String account = s.outputs().get(ISOLATED_ACCOUNT);
            if (account != null && s.range().start() == s.range().end()) {
                accounts.putIfAbsent(s.range().start(), account); // newest first: the latest split of a key names it
            }
        }
        return accounts;
    }

    static Holds holds(ShardStats stats) {
        List<TableRow> tables = stats.tables().stream()
                .map(t -> new TableRow(t.table(), count(t.rows()) + (t.rows() == 1 ? " row" : " rows"), bytes(t.dataBytes()),
                        bytes(t.indexBytes()))).toList();
        return new Holds(count(stats.accounts()), tables);
    }

    // --- splits ---------------------------------------------------------------------------

    private Map<String, Object> splits(Instant now) {
        List<SplitRecord> all = sources.splits().list(HISTORY);
        List<RunningSplit> running = all.stream().filter(s -> !s.state().finished())
                .map(s -> new RunningSplit(split(s, now), sources.splits().live(s.id()).map(l -> progress(l, now)).orElse(null))).toList();
        List<Workflow> history = all.stream().filter(s -> s.state().finished()).map(s -> split(s, now)).toList();
        return Map.of("running", running, "history", history);
    }

    /** A split's report as the page words it: counts grouped, rates and times rounded, the throttle as the share of a connection it leaves. */
    static Progress progress(SplitLive live, Instant now) {
        String work = live.total() > 0 ? count(live.done()) + " of " + count(live.total()) + " " + live.unit() + " ("
                + percent((double) Math.min(live.done(), live.total()) / live.total()) + ")"
                : live.done() > 0 ? count(live.done()) + " " + live.unit() : null;
        String rate = live.done() > 0 ? Charts.format(live.perSecond()) + " " + live.unit() + "/s" : null;
        // the estimate is whole seconds, rounded up: 0 is a step whose counted work is done
        String left = live.etaSeconds() == null ? null : live.etaSeconds() == 0 ? "its counted work is done"
                : "about " + (live.etaSeconds() < 60 ? live.etaSeconds() + " s" : seconds(live.etaSeconds())) + " left in this step";
        String lag = live.lagSeconds() == null ? "not measured yet" : live.lagSeconds() + " s";
        // after each batch the split pauses niceRatio times the batch's time: its bulk work takes 1/(1 + ratio) of a connection
        String throttle = live.niceRatio() <= 0 ? "none: bulk work runs flat out"
                : "nice ratio " + Charts.format(live.niceRatio()) + ": bulk work takes at most " + percent(1 / (1 + live.niceRatio()))
                + " of a connection";
        List<Field> steps = live.stepSeconds().entrySet().stream().map(e -> new Field(e.getKey(), seconds(e.getValue()))).toList();
        return new Progress(live.step(), work, rate, left, lag, throttle, live.note(), steps, age(live.updatedAt(), now));
    }

    static Workflow split(SplitRecord s, Instant now) {
        String account = s.outputs().get(ISOLATED_ACCOUNT);
        String moves = account == null ? s.range().toString() : "isolate " + account + " (key " + Charts.hex(s.range().start()) + ")";
        return workflow(new Run<>(s.id(), "Split " + s.id() + ": " + moves + " from " + s.source() + " to " + s.target(),
                SplitRecord.Step.values(), s.step(), s.step().numbered(), SplitRecord.Step.MOVE_WRITES, s.state().name(), s.state().finished(),
                s.outputs(), s.owner(), s.heartbeat(), s.lastError(), s.createdAt(), s.updatedAt()), now);
    }

    /** A split or a rollout as persisted: its steps (the last is DONE), where it is, and what it recorded. */
    record Run<E extends Enum<E>>(long id, String title, E[] steps, E at, String numbered, E pointOfNoReturn, String state, boolean finished,
                                  Map<String, String> outputs, String owner, Instant heartbeat, String error, Instant created, Instant updated) {
    }

    static <E extends Enum<E>> Workflow workflow(Run<E> run, Instant now) {
        List<Stage> stages = new ArrayList<>();
        for (E step : run.steps()) {
            if (step.ordinal() == run.steps().length - 1) {
                continue; // DONE is no step of its own
            }
            boolean done = step.compareTo(run.at()) < 0;
            boolean current = step == run.at() && !run.finished();
            stages.add(new Stage(step.name(), done ? "done" : current ? run.state().toLowerCase(java.util.Locale.ROOT) : "", current, done,
                    step == run.pointOfNoReturn()));
        }
        return new Workflow(run.id(), run.title(), run.numbered(), run.state(), run.state().equals("RUNNING"), stages, outputs(run.outputs()),
                run.owner(), age(run.heartbeat(), now), run.finished() ? "" : elapsed(run.updated(), now),
                elapsed(run.created(), run.finished() ? run.updated() : now), run.error(), String.valueOf(run.created()));
    }

    // --- flags ----------------------------------------------------------------------------

    private Map<String, Object> flags(Instant now) {
        List<FlagRow> flags = new ArrayList<>();
        for (Flag f : sources.flags().list()) {
            List<Field> explicit = f.accounts().entrySet().stream().limit(10).map(e -> new Field(e.getKey(), e.getValue())).toList();
            String rollout = f.rollout() == null ? "none"
                    : java.math.BigDecimal.valueOf(f.rollout().percent()).stripTrailingZeros().toPlainString() + " % → " + (f.rollout().value() == null ? "(the other value)" : f.rollout().value());
            flags.add(new FlagRow(f.name(), f.description(), f.kind().name().toLowerCase(java.util.Locale.ROOT), f.defaultValue(), rollout,
                    f.accounts().size(), explicit, f.killed()));
        }
        FlagNodes nodes = sources.flags().nodes();
        List<NodeRow> rows = new ArrayList<>();
        for (FlagNodeStatus n : nodes.nodes()) {
            rows.add(new NodeRow(n.nodeId(), "v" + n.version(), age(n.lastSeen(), now), n.live(), n.acknowledged()));
        }
        List<ChangeRow> history = new ArrayList<>();
        for (FlagChange c : sources.flags().history(null, HISTORY)) {
            history.add(new ChangeRow(c.version(), c.flag(), c.action(), c.by(), c.reason() == null ? "" : c.reason(), String.valueOf(c.at())));
        }
        return Map.of("flags", flags, "version", nodes.version(), "nodes", rows, "history", history);
    }

    // --- rollout --------------------------------------------------------------------------

    private Map<String, Object> rollout(Instant now) {
        List<Workflow> all = sources.rollouts().list(HISTORY).stream().map(r -> rollout(r, now)).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("current", all.isEmpty() ? null : all.getFirst());
        model.put("history", all.size() <= 1 ? List.of() : all.subList(1, all.size()));
        model.put("shadow", sources.shadowReport() == null ? null : sources.shadowReport().toString());
        model.put("matchRate", all.isEmpty() ? null : matchRate(all.getFirst().outputs()));
        return model;
    }

    static Workflow rollout(RolloutRecord r, Instant now) {
        return workflow(new Run<>(r.id(), "Rollout " + r.id(), RolloutRecord.Phase.values(), r.phase(), r.phase().numbered(),
                RolloutRecord.Phase.POINT_OF_NO_RETURN, r.state().name(), r.state().finished(), r.outputs(), r.owner(), r.heartbeat(),
                r.lastError(), r.createdAt(), r.updatedAt()), now);
    }

    /** The share of Shadow's compared requests that matched, from what SHADOW_COMPARE recorded (null before it ran). */
    static String matchRate(List<Field> outputs) {
        Long compared = null;
        Long differences = null;
        for (Field f : outputs) {
            if (f.name().endsWith("compared")) {
                compared = parse(f.value());
            } else if (f.name().endsWith("differences")) {
                differences = parse(f.value());
            }
        }
        if (compared == null || differences == null || compared == 0) {
            return null;
        }
        return percent((double) (compared - differences) / compared) + " of " + compared + " compared requests matched";
    }

    // --- traffic --------------------------------------------------------------------------

    private Map<String, Object> traffic(Instant now) {
        return Map.of("charts", sources.traffic().charts());
    }

    // --- formatting -----------------------------------------------------------------------

    private static List<Field> outputs(Map<String, String> outputs) {
        return new TreeMap<>(outputs).entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList();
    }

    private static Long parse(String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return Charts.format(v) + " " + units[u];
    }

    static String percent(double share) {
        return Charts.format(share * 100) + " %";
    }

    static String age(Instant at, Instant now) {
        return at == null ? "" : elapsed(at, now) + " ago";
    }

    static String elapsed(Instant from, Instant to) {
        if (from == null || to == null) {
            return "";
        }
        return seconds(Duration.between(from, to).toMillis() / 1000.0);
    }

    /** A time in seconds as people read it: "0.42 s", "12.5 s", "3 min 20 s", "2 h 5 min"; a negative time is 0. */
    static String seconds(double seconds) {
        double v = Math.max(0, seconds);
        long s = (long) v;
        return s < 60 ? Charts.format(v) + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
