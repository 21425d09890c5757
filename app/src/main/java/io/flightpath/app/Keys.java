package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.app.StoreAddresses.Address;
import io.flightpath.inflight.handoff.HandoffConfig;
import io.flightpath.inflight.store.GroupCommitConfig;
import io.flightpath.flags.FlagNodeConfig;
import io.flightpath.http.ServerLimits;
import io.flightpath.postflight.routing.RouterConfig;
import io.flightpath.shadow.ShadowConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting Flightpath reads, declared once (key, type, default, one line of documentation),
 * and the prefixes each service reads. A key is read only through its declaration here; adding a
 * setting is one line below, and the README test then asks for its row in the configuration table.
 */
final class Keys {
    private static final List<Setting<?>> ALL = new ArrayList<>(); // first: the declarations below add to it
    private static final HandoffConfig HANDOFF = HandoffConfig.DEFAULTS;
    private static final GroupCommitConfig GROUP_COMMIT = GroupCommitConfig.DEFAULTS;
    private static final RouterConfig ROUTING = RouterConfig.defaults("defaults");
    private static final ShadowConfig SHADOW = ShadowConfig.builder(URI.create("http://stable"), URI.create("http://experimental")).build();
    static final int SHADOW_DEFAULT_LISTEN = 9000;
    static final int SHADOW_DEFAULT_ADMIN_PORT = 9001;
    static final String SHADOW_DEFAULT_HOST = "127.0.0.1";

    static final Setting<Listen> API_LISTEN = add(Setting.listen("api.listen", "127.0.0.1:8080", "where the public API listens"));
    static final Setting<Duration> API_AUTH_CACHE = add(Setting.duration("api.auth-cache", Duration.ofSeconds(60), "how long a verified AccountSid:AuthToken is remembered"));
    static final Setting<URI> API_URL = add(Setting.url("api.url", "where `serve console` reaches the public API"));

    static final Setting<Listen> CONSOLE_LISTEN = add(Setting.listen("console.listen", "127.0.0.1:8085", "where the web console listens"));
    static final Setting<Duration> CONSOLE_SESSION = add(Setting.positiveDuration("console.session", Duration.ofMinutes(30), "how long a console sign-in lasts"));
    static final Setting<URI> CONSOLE_SHADOW_REPORT = add(Setting.url("console.shadow-report", "Shadow's report, linked from the rollout page (`serve console`)").describedDefault("none"));

    static final Setting<Listen> CONTROL_LISTEN = add(Setting.listen("control.listen", "127.0.0.1:8081", "where the control service listens"));
    static final Setting<URI> CONTROL_URL = add(Setting.url("control.url", "where `serve` reaches the control service"));
    static final Setting<Address> CONTROL_DB = add(database("control.db", "the control store (`serve control`)"));

    static final Setting<Listen> INFLIGHT_LISTEN = add(Setting.listen("inflight.listen", "127.0.0.1:8082", "where the in-flight service listens"));
    static final Setting<URI> INFLIGHT_URL = add(Setting.url("inflight.url", "where `serve` reaches the in-flight service"));
    static final Setting<Address> INFLIGHT_DB = add(database("inflight.db", "the in-flight store (`serve inflight`)"));
    static final Setting<Integer> GROUP_COMMIT_MAX_EVENTS = add(Setting.integer("inflight.group-commit.max-events", GROUP_COMMIT.maxGroupEvents(), 1, 100_000, "events (and creates) one group commit takes at most"));
    static final Setting<Integer> GROUP_COMMIT_MAX_QUEUED = add(Setting.integer("inflight.group-commit.max-queued", GROUP_COMMIT.maxQueued(), 1, 10_000_000, "requests that may wait for a commit before more are refused as unavailable"));
    static final Setting<Integer> GROUP_COMMIT_COMMITTERS = add(Setting.integer("inflight.group-commit.committers", GROUP_COMMIT.committers(), 1, 64, "group commits in their transactions at once, each on a connection of its own"));

    static final Setting<Listen> POSTFLIGHT_LISTEN = add(Setting.listen("postflight.listen", "127.0.0.1:8083", "where the post-flight service listens"));
    static final Setting<URI> POSTFLIGHT_URL = add(Setting.url("postflight.url", "where `serve` reaches the post-flight service"));
    static final Setting<Map<String, Address>> POSTFLIGHT_SHARDS = add(new Setting<>("postflight.shards", "NAME=HOST:PORT/DATABASE[,…]", StoreAddresses::parseShards, null, "—", "the shards that seed the maps on first start (`serve postflight`)"));
    static final Setting<String> POSTFLIGHT_NODE_ID = add(Setting.text("postflight.node-id", null, "this routing node's id in the map acknowledgements").describedDefault("postflight-HOST-PID"));

    static final Setting<Listen> BILLING_LISTEN = add(Setting.listen("billing.listen", "127.0.0.1:8084", "where the billing service listens"));
    static final Setting<URI> BILLING_URL = add(Setting.url("billing.url", "where `serve` reaches the billing service"));

    static final Setting<Duration> SERVE_START_WAIT = add(Setting.duration("serve.start-wait", Duration.ofSeconds(60), "how long `serve` keeps trying, when it starts, to reach the stores and services it needs before it gives up (0: try once)"));
    static final Setting<String> INTERNAL_TOKEN = add(Setting.text("internal.token", null, "bearer token of the internal APIs (`serve`; `up` generates one)"));
    static final Setting<Duration> HTTP_TIMEOUT = add(Setting.positiveDuration("http.timeout", Duration.ofSeconds(10), "how long a service waits for another's answer over HTTP (`serve`); keep it above `routing.hold-timeout`"));
    static final Setting<Duration> HTTP_HEAD_DEADLINE = add(Setting.positiveDuration("http.head-deadline", ServerLimits.DEFAULT_HEAD_DEADLINE, "how long a client may take to send a request's line and headers before its connection is closed (every service)"));
    static final Setting<Integer> HTTP_CONNECTIONS_PER_CLIENT = add(Setting.integer("http.connections-per-client", ServerLimits.DEFAULT_CONNECTIONS_PER_CLIENT, 1, 1_000_000, "connections one client address may hold open to one service; more are closed as they open"));

    static final Setting<String> DB_USER = add(Setting.text("db.user", "flightpath", "database login of the stores this process opens (`serve`: one service each, so give each the account of its store, see [The local cluster](#the-local-cluster)); `up` logs in with the local cluster's accounts"));
    static final Setting<String> DB_PASSWORD = add(Setting.text("db.password", "", "database password of `db.user`"));
    static final Setting<Integer> DB_POOL = add(Setting.integer("db.pool", 16, 1, 1000, "connections in each store's pool"));

    static final Setting<Integer> HANDOFF_BATCH = add(Setting.integer("handoff.batch", HANDOFF.batchSize(), 1, 10_000, "outbox entries handed off per post-flight insert and in-flight delete"));
    static final Setting<Integer> HANDOFF_WORKERS = add(Setting.integer("handoff.workers", HANDOFF.workers(), 1, 64, "relay workers handing off at once, each its own partition of the outbox (by a hash of the SID) on a connection of its own"));
    static final Setting<Duration> HANDOFF_IDLE_WAIT = add(Setting.positiveDuration("handoff.idle-wait", HANDOFF.idleWait(), "longest wait for new outbox entries when the outbox is empty"));
    static final Setting<Duration> HANDOFF_MAX_BACKOFF = add(Setting.positiveDuration("handoff.max-backoff", HANDOFF.maxBackoff(), "longest wait between retries while post-flight fails"));
    static final Setting<Duration> HANDOFF_FINISHED_RETENTION = add(Setting.positiveDuration("handoff.finished-retention", HANDOFF.finishedRetention(), "how long handed-off records still recognise late duplicate events"));

    static final Setting<Duration> ROUTING_POLL = add(Setting.positiveDuration("routing.poll", ROUTING.poll(), "how often a routing node asks for the maps while nothing changes (the control service holds each ask that long and answers the moment a version is published)"));
    static final Setting<Duration> ROUTING_LEASE = add(Setting.duration("routing.lease", ROUTING.lease(), "how long a confirmed map stays valid without a new confirmation (at least 3 polls)"));
    static final Setting<Duration> ROUTING_HOLD_TIMEOUT = add(Setting.duration("routing.hold-timeout", ROUTING.holdTimeout(), "how long a write to a moving range waits before it fails as retryable"));

    static final Setting<String> FLAGS_NODE_ID = add(Setting.text("flags.node-id", null, "this process's flags node id in the flags acknowledgements (every serving process has one)").describedDefault("ROLE-HOST-PID (ROLE: `flightpath` under `up`, the service under `serve`)"));
    static final Setting<Duration> FLAGS_POLL = add(Setting.positiveDuration("flags.poll", FlagNodeConfig.DEFAULT_POLL, "how often a flags node asks for a newer flags version while nothing changes (the control service holds each ask that long and answers the moment a flag changes)"));
    static final Setting<Duration> FLAGS_LEASE = add(Setting.positiveDuration("flags.lease", FlagNodeConfig.DEFAULT_LEASE, "how long a flags node's acknowledgement holds (at least 3 polls); a node silent that long is stale"));

    static final Setting<Listen> SHADOW_LISTEN = add(new Setting<>("shadow.listen", "PORT or HOST:PORT", ShadowSettings::listenPart, new Listen(null, SHADOW_DEFAULT_LISTEN), Integer.toString(SHADOW_DEFAULT_LISTEN), "where clients reach Shadow (`--listen`; 0 picks a free port)"));
    static final Setting<String> SHADOW_HOST = add(Setting.text("shadow.host", SHADOW_DEFAULT_HOST, "the address both of Shadow's ports bind to (`--host`)"));
    static final Setting<Integer> SHADOW_ADMIN_PORT = add(Setting.integer("shadow.admin-port", SHADOW_DEFAULT_ADMIN_PORT, 0, 65535, "the port of Shadow's report (`--admin-port`; 0 picks a free port)"));
    static final Setting<URI> SHADOW_STABLE = add(side("shadow.stable", "the stable side: clients get its answers (`--stable`)", "— (required)"));
    static final Setting<URI> SHADOW_EXPERIMENTAL = add(side("shadow.experimental", "the experimental side, the version under test (`--experimental`)", "— (required)"));
    static final Setting<URI> SHADOW_SECONDARY = add(side("shadow.secondary", "a second stable instance, to tell noise from differences (`--secondary`)", "none"));
    static final Setting<Path> SHADOW_RULES = add(new Setting<>("shadow.rules", "file", ShadowSettings::rulesFile, null, "none", "the comparison rules file (`--rules`)"));
    static final Setting<Path> SHADOW_DATA = add(new Setting<>("shadow.data", "folder", (k, v) -> Path.of(v), null, "`$FLIGHTPATH_HOME/shadow`", "the folder of `samples.jsonl` and `report.json` (`--data`)"));
    static final Setting<Set<String>> SHADOW_SECRET_HEADERS = add(new Setting<>("shadow.secret-headers", "header names, comma-separated", ShadowSettings::headers, SHADOW.secretHeaders(), String.join(", ", new TreeSet<>(SHADOW.secretHeaders())), "headers redacted in stored samples; replaces the default list (`--secret-headers`)"));
    static final Setting<Duration> SHADOW_STABLE_TIMEOUT = add(Setting.positiveDuration("shadow.stable-timeout", SHADOW.stableTimeout(), "how long a call to the stable side may take"));
    static final Setting<Duration> SHADOW_EXPERIMENTAL_TIMEOUT = add(Setting.positiveDuration("shadow.experimental-timeout", SHADOW.experimentalTimeout(), "how long a call to the experimental side (and the secondary) may take"));
    static final Setting<Integer> SHADOW_MIRROR_CAPACITY = add(Setting.integer("shadow.mirror-capacity", SHADOW.mirrorCapacity(), 1, 1_000_000, "requests in the mirror at most"));
    static final Setting<Integer> SHADOW_MAX_BODY_BYTES = add(Setting.integer("shadow.max-body-bytes", SHADOW.maxBodyBytes(), 1, Integer.MAX_VALUE - 8, "largest body proxied"));
    static final Setting<Integer> SHADOW_COMPARE_BODY_BYTES = add(Setting.integer("shadow.compare-body-bytes", SHADOW.compareBodyBytes(), 1, Integer.MAX_VALUE - 8, "largest body compared (at most `shadow.max-body-bytes`)"));
    static final Setting<Integer> SHADOW_SAMPLES_PER_FIELD = add(Setting.integer("shadow.samples-per-field", SHADOW.samplesPerField(), 1, 1000, "samples kept per endpoint and field"));
    static final Setting<Integer> SHADOW_MAX_SAMPLES = add(Setting.integer("shadow.max-samples", SHADOW.maxSamples(), 1, 1_000_000, "samples kept in all (at least `shadow.samples-per-field`)"));
    static final Setting<Double> SHADOW_NOISE_RELATIVE = add(Setting.fraction("shadow.noise-relative", SHADOW.noiseRelative(), "Diffy's relative noise threshold"));
    static final Setting<Double> SHADOW_NOISE_ABSOLUTE = add(Setting.fraction("shadow.noise-absolute", SHADOW.noiseAbsolute(), "Diffy's absolute noise threshold"));

    /** Where each service listens, and where the others reach it. */
    static final Map<Service, Setting<Listen>> LISTEN = new EnumMap<>(Map.of(Service.API, API_LISTEN, Service.CONTROL, CONTROL_LISTEN,
            Service.INFLIGHT, INFLIGHT_LISTEN, Service.POSTFLIGHT, POSTFLIGHT_LISTEN, Service.BILLING, BILLING_LISTEN, Service.CONSOLE, CONSOLE_LISTEN));
    static final Map<Service, Setting<URI>> URL = new EnumMap<>(Map.of(Service.CONTROL, CONTROL_URL, Service.INFLIGHT, INFLIGHT_URL,
            Service.POSTFLIGHT, POSTFLIGHT_URL, Service.BILLING, BILLING_URL, Service.API, API_URL));

    /** The prefixes whose keys each service reads, and so whose unknown keys it refuses. */
    private static final Map<Service, Set<String>> PREFIXES = new EnumMap<>(Map.of(
            Service.CONTROL, Set.of("control", "db", "internal", "serve"),
            Service.POSTFLIGHT, Set.of("postflight", "routing", "flags", "control", "db", "internal", "http", "serve"),
            Service.INFLIGHT, Set.of("inflight", "handoff", "postflight", "flags", "control", "db", "internal", "http", "serve"),
            Service.BILLING, Set.of("billing", "postflight", "flags", "control", "internal", "http", "serve"),
            Service.API, Set.of("api", "inflight", "postflight", "flags", "control", "billing", "internal", "http", "serve"),
            Service.CONSOLE, Set.of("console", "api", "control", "inflight", "postflight", "billing", "internal", "http", "serve")));
    static final Set<String> SHADOW_PREFIXES = Set.of("shadow");
    /** FLIGHTPATH_* variables of the launcher and the cluster commands (README, first table) that look like a prefix's. */
    static final Set<String> OTHER_VARIABLES = Set.of("FLIGHTPATH_DB_HOST");

    private Keys() {
    }

    private static <T> Setting<T> add(Setting<T> setting) {
        ALL.add(setting);
        return setting;
    }

    private static Setting<Address> database(String key, String doc) {
        return new Setting<>(key, "HOST:PORT/DATABASE", Address::parse, null, "—", doc);
    }

    private static Setting<URI> side(String key, String doc, String absent) {
        return new Setting<>(key, "http(s) URL, no query", ShadowSettings::sideUrl, null, absent, doc);
    }

    /** Every declared setting, in the order of the declarations. */
    static List<Setting<?>> all() {
        return List.copyOf(ALL);
    }

    /** The prefixes the given services read together. */
    static Set<String> prefixes(Service... services) {
        Set<String> union = new TreeSet<>();
        for (Service s : services) {
            union.addAll(PREFIXES.get(s));
        }
        return union;
    }
}
