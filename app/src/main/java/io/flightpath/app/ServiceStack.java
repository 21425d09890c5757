package io.flightpath.app;

import io.flightpath.aggregator.Aggregator;
import io.flightpath.aggregator.Calls;
import io.flightpath.aggregator.Messages;
import io.flightpath.aggregator.PublicPath;
import io.flightpath.aggregator.RecordReads;
import io.flightpath.aggregator.http.Authenticator;
import io.flightpath.aggregator.http.PublicApiServer;
import io.flightpath.billing.api.BillingService;
import io.flightpath.console.ConsoleServer;
import io.flightpath.console.Operations;
import io.flightpath.console.Traffic;
import io.flightpath.control.http.RolloutRegistryHttpClient;
import io.flightpath.control.http.SplitRegistryHttpClient;
import io.flightpath.billing.api.PostflightBilling;
import io.flightpath.billing.http.BillingHttpClient;
import io.flightpath.billing.http.BillingHttpServer;
import io.flightpath.control.api.AccountService;
import io.flightpath.control.http.ControlHttpClient;
import io.flightpath.control.http.ControlHttpServer;
import io.flightpath.control.api.FlagService;
import io.flightpath.control.http.FlagHttpClient;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbFlagStore;
import io.flightpath.flags.FlagNode;
import io.flightpath.flags.FlagNodeConfig;
import io.flightpath.flags.FlightpathProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.control.store.MariaDbRolloutRegistry;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.http.RoutingHttpClient;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServerLimits;
import io.flightpath.http.ServiceServer;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.inflight.handoff.HandoffRelay;
import io.flightpath.inflight.handoff.Sweeper;
import io.flightpath.inflight.http.InflightHttpClient;
import io.flightpath.inflight.http.InflightHttpServer;
import io.flightpath.inflight.store.MariaDbInflightStore;
import io.flightpath.inflight.store.WakeSignal;
import io.flightpath.legacy.LegacyInflightStore;
import io.flightpath.legacy.LegacyPostflightStore;
import io.flightpath.legacy.LegacyReads;
import io.flightpath.legacy.LegacyRecords;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.postflight.api.ShardInventory;
import io.flightpath.postflight.http.PostflightHttpClient;
import io.flightpath.postflight.http.PostflightHttpServer;
import io.flightpath.postflight.routing.MapRouter;
import io.flightpath.postflight.routing.ShardPools;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.flightpath.legacy.DrainingInflightStore;
import io.flightpath.rollout.RolloutShape;
import io.flightpath.rollout.ShadowTap;
import io.flightpath.rollout.ShapeSwitch;
import io.flightpath.rollout.ShapedInflight;
import io.flightpath.rollout.ShapedPostflight;
import io.flightpath.shadow.ShadowConfig;
import io.flightpath.shadow.ShadowProxy;
import io.javalin.http.HandlerType;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one place that wires Flightpath's services. Each store is opened by the one service that
 * owns it; a service reaches another in-process when both run here (the embedded default) and
 * over HTTP otherwise; each service's HTTP face listens on its own address. Closing stops
 * everything in reverse order of start.
 */
final class ServiceStack implements AutoCloseable {
    /** The services, each runnable on its own: `flightpath serve NAME`. */
    enum Service { CONTROL, POSTFLIGHT, INFLIGHT, BILLING, API, CONSOLE }

    /** Public API requests above this size are refused before they are parsed. */
    static final long MAX_PUBLIC_REQUEST = 64 * 1024;
    /** Internal batches (handoff, events) may be larger. */
    static final long MAX_INTERNAL_REQUEST = 16 * 1024 * 1024;

    private final Settings settings;
    private final String token;
    private final InternalAuth auth;
    private final Clock clock;
    // the router joins from the flags poll thread when the node reaches SHARD_ROUTER
    private final Deque<AutoCloseable> opened = new ConcurrentLinkedDeque<>();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Service, ServiceServer> servers = new EnumMap<>(Service.class);
    private AccountService accounts;
    private RoutingService routing;
    private MapRouter router;
    private PostflightService postflight;
    private InflightService inflight;
    private BillingService billing;
    private LegacyRecords legacyRecords;
    private ShapeSwitch shape;
    private volatile PostflightService routed;
    private ShadowFaces faces;
    private ShadowProxy shadow;
    private volatile ShadowTap tap;
    private FlagService flags;
    private FlagNode flagNode;
    private Client flagClient;

    private ServiceStack(Settings settings, String token, Clock clock) {
        this.settings = settings;
        this.token = token;
        this.auth = new InternalAuth(token);
        this.clock = clock;
    }

    /** Every service in this process, on the given stores; a key unknown to all of them is refused. */
    static ServiceStack embedded(StoreAddresses stores, Settings settings, String token, Clock clock) {
        settings.refuseUnknown(Keys.prefixes(Service.values()));
        return build(settings, token, clock, s -> {
            s.startControl(stores.control());
            s.startFlags("flightpath");
            s.startPostflight(stores.shards());
            s.startInflight(stores.inflight());
            s.startBilling();
            s.startApi();
            s.startConsole();
        });
    }

    /**
     * The legacy shape ("before"), every service in this process: one database holds every call
     * and message, and the public API, billing and the events endpoint read and write it through
     * the legacy code path, or through the services in front of the same tables for the accounts
     * the services-path flag sends there. Accounts stay in the control store. The node follows the
     * rollout's shape ({@link RolloutShape}): the dedicated in-flight database, keyed writes and
     * the shard router are opened here but used only once the rollout moves the node there.
     */
    static ServiceStack legacy(DatabaseConfig control, DatabaseConfig inflight, DatabaseConfig legacy, ShadowFront shadow,
                               Settings settings, String token, Clock clock) {
        settings.refuseUnknown(Keys.prefixes(Service.values()));
        return build(settings, token, clock, s -> {
            s.startControl(control);
            s.startFlags("flightpath");
            s.startLegacy(legacy, inflight);
            s.startBilling();
            s.startApi();
            s.startShadowFront(shadow);
            s.startConsole();
        });
    }

    /**
     * One service in this process; the others are reached at the URLs the settings give. An
     * unknown key of a prefix the service reads is refused.
     */
    static ServiceStack single(Service service, Settings settings, Clock clock) {
        settings.refuseUnknown(Keys.prefixes(service));
        int pool = settings.get(Keys.DB_POOL);
        return build(settings, settings.get(Keys.INTERNAL_TOKEN), clock, s -> {
            if (service != Service.CONTROL && service != Service.CONSOLE) {
                s.startFlags(service.name().toLowerCase(java.util.Locale.ROOT));
            }
            switch (service) {
                case CONTROL -> s.startControl(StoreAddresses.database(settings, Keys.CONTROL_DB, pool));
                case POSTFLIGHT -> s.startPostflight(StoreAddresses.shards(settings, pool));
                case INFLIGHT -> s.startInflight(StoreAddresses.database(settings, Keys.INFLIGHT_DB, pool));
                case BILLING -> s.startBilling();
                case API -> s.startApi();
                case CONSOLE -> s.startConsole();
            }
        });
    }

    private static ServiceStack build(Settings settings, String token, Clock clock, Consumer<ServiceStack> wiring) {
        ServiceStack stack = new ServiceStack(settings, token, clock);
        try {
            wiring.accept(stack);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startControl(DatabaseConfig store) {
        Database db = keep(Database.open("control", store, List.of(MariaDbAccountStore.MIGRATIONS)));
        accounts = new MariaDbAccountStore(db, clock);
        routing = new MariaDbRoutingStore(db, clock);
        flags = new MariaDbFlagStore(db, clock);
        serve(Service.CONTROL, MAX_INTERNAL_REQUEST, ServiceServer.INTERNAL_ERRORS,
                new ControlHttpServer(accounts, routing, new MariaDbSplitRegistry(db, clock), flags, new MariaDbRolloutRegistry(db, clock), auth)::routes);
    }

    /**
     * This process's flags node: every process that serves requests evaluates flags, from a
     * snapshot it keeps current and acknowledges. Its OpenFeature provider is bound to the
     * node's id as domain, so that two stacks in one JVM (a bench) keep their own.
     */
    private void startFlags(String role) {
        FlagService source = flags != null ? flags : new FlagHttpClient(client(Service.CONTROL));
        FlagNodeConfig config = Configs.flagNode(settings, role);
        flagNode = keep(new FlagNode(source, config, clock, metrics)).start();
        OpenFeatureAPI openFeature = OpenFeatureAPI.getInstance();
        openFeature.setProviderAndWait(config.nodeId(), new FlightpathProvider(flagNode, metrics));
        keep((AutoCloseable) () -> openFeature.setProvider(config.nodeId(), new NoOpProvider()));
        flagClient = openFeature.getClient(config.nodeId());
    }

    /**
     * The configured shards seed the control store's registry and, on a first start, the maps;
     * from then on the maps decide, and a split registers the shards it adds.
     */
    private void startPostflight(Map<String, DatabaseConfig> shardStores) {
        RoutingService maps = routing();
        DatabaseConfig any = shardStores.values().iterator().next();
        maps.initialize(shardStores.entrySet().stream()
                .map(e -> new ShardAddress(e.getKey(), e.getValue().host(), e.getValue().port(), e.getValue().database()))
                .toList());
        ShardPools pools = keep(new ShardPools(any.user(), any.password(), any.poolSize()));
        router = keep(new MapRouter(maps, pools, Configs.router(settings), clock, metrics)).start();
        postflight = new MariaDbPostflightStore(router);
        serve(Service.POSTFLIGHT, MAX_INTERNAL_REQUEST, ServiceServer.INTERNAL_ERRORS, new PostflightHttpServer(postflight, auth)::routes);
    }

    private RoutingService routing() {
        if (routing == null) {
            routing = new RoutingHttpClient(client(Service.CONTROL));
        }
        return routing;
    }

    private void startInflight(DatabaseConfig store) {
        Database db = keep(Database.open("inflight", store, MariaDbInflightStore.MIGRATIONS));
        WakeSignal wake = new WakeSignal();
        HandoffRelay relay = keep(new HandoffRelay(db, postflight(), Configs.handoff(settings), wake, clock, metrics));
        MariaDbInflightStore local = keep(new MariaDbInflightStore(db, clock, Configs.groupCommit(settings), wake, relay, metrics));
        inflight = local;
        relay.start();
        keep(new Sweeper(db, local, Configs.sweep(settings), clock, metrics)).start();
        serve(Service.INFLIGHT, MAX_INTERNAL_REQUEST, ServiceServer.INTERNAL_ERRORS, new InflightHttpServer(local, auth)::routes);
    }

    /**
     * The legacy tables behind the in-flight face (the events endpoint) and the post-flight face
     * (late prices), with no relay while the shape is LEGACY: a finished record never leaves the
     * table it was created in. The dedicated in-flight store's relay hands off into the post-flight
     * face, which is the legacy tables until the shard router takes over.
     */
    private void startLegacy(DatabaseConfig legacyStore, DatabaseConfig inflightStore) {
        Database db = keep(Database.open("legacy", legacyStore, LegacyRecords.MIGRATIONS));
        legacyRecords = new LegacyRecords(db, clock);
        LegacyInflightStore legacyInflight = new LegacyInflightStore(legacyRecords);
        keep(new Sweeper(db, legacyRecords, Configs.sweep(settings), clock, metrics)).start();
        shape = new ShapeSwitch(flagNode.nodeId())
                .onReach(RolloutShape.KEYED_WRITES, legacyRecords::writeShardKeys)
                .onReach(RolloutShape.SHARD_ROUTER, this::startRouter);
        postflight = new ShapedPostflight(shape, new LegacyPostflightStore(legacyRecords), () -> routed);

        Database inflightDb = keep(Database.open("inflight", inflightStore, MariaDbInflightStore.MIGRATIONS));
        WakeSignal wake = new WakeSignal();
        HandoffRelay relay = keep(new HandoffRelay(inflightDb, postflight, Configs.handoff(settings), wake, clock, metrics));
        MariaDbInflightStore dedicated = keep(new MariaDbInflightStore(inflightDb, clock, Configs.groupCommit(settings), wake, relay, metrics));
        relay.start();
        keep(new Sweeper(inflightDb, dedicated, Configs.sweep(settings), clock, metrics)).start();
        inflight = new ShapedInflight(shape, legacyInflight, new DrainingInflightStore(dedicated, legacyInflight), dedicated);
        shape.follow(flagNode);
        keep((AutoCloseable) () -> flagNode.removeListener(shape));
        serve(Service.INFLIGHT, MAX_INTERNAL_REQUEST, ServiceServer.INTERNAL_ERRORS, new InflightHttpServer(inflight, auth)::routes);
        serve(Service.POSTFLIGHT, MAX_INTERNAL_REQUEST, ServiceServer.INTERNAL_ERRORS, new PostflightHttpServer(postflight, auth)::routes);
    }

    /**
     * The shard router over the maps the rollout initialised (the legacy database as shard0), opened
     * when this node reaches SHARD_ROUTER and before it acknowledges that shape; a failure here
     * leaves the node in its old shape, unacknowledged, to try again at the next poll.
     */
    private void startRouter() {
        if (router != null) {
            return;
        }
        ShardPools pools = new ShardPools(legacyRecords.database().config().user(), legacyRecords.database().config().password(),
                settings.get(Keys.DB_POOL));
        MapRouter started;
        try {
            started = new MapRouter(routing(), pools, Configs.router(settings), clock, metrics).start();
        } catch (RuntimeException e) {
            pools.close();
            throw e;
        }
        keep(pools);
        router = keep(started);
        routed = new MariaDbPostflightStore(router);
    }

    private void startBilling() {
        billing = new PostflightBilling(postflight(), clock);
        serve(Service.BILLING, MAX_INTERNAL_REQUEST, ServiceServer.INTERNAL_ERRORS, new BillingHttpServer(billing, auth)::routes);
    }

    private void startApi() {
        InflightService flying = inflight != null ? inflight : new InflightHttpClient(client(Service.INFLIGHT));
        AccountService accountService = accounts != null ? accounts : new ControlHttpClient(client(Service.CONTROL));
        BillingService bills = billing != null ? billing : new BillingHttpClient(client(Service.BILLING));
        Authenticator authenticator = new Authenticator(accountService, clock, settings.get(Keys.API_AUTH_CACHE));
        PublicPath services = path("services", new Aggregator(flying, postflight()), flying, bills);
        if (legacyRecords == null) {
            PublicApiServer api = new PublicApiServer(authenticator, services, clock);
            serve(Service.API, MAX_PUBLIC_REQUEST, PublicApiServer.ERRORS, api::routes);
            return;
        }
        // in the legacy shape the services stand in front of the legacy tables, and the flag
        // chooses per account between them and the legacy path, until the shard router turns it off
        PublicPath legacyPath = path("legacy", new LegacyReads(legacyRecords), flying, bills);
        ServicesPathFlag byFlag = new ServicesPathFlag(flagClient, legacyPath, services);
        PublicPath.Chooser paths = account -> shape.now().atLeast(RolloutShape.SHARD_ROUTER) ? services : byFlag.forAccount(account);
        faces = new ShadowFaces(authenticator, legacyPath, services);
        PublicApiServer api = new PublicApiServer(authenticator, paths, clock);
        serve(Service.API, MAX_PUBLIC_REQUEST, PublicApiServer.ERRORS, r -> {
            api.routes(r);
            r.after("/2010-04-01/*", ctx -> {
                ShadowTap tap = this.tap;
                if (tap != null && shape.now() == RolloutShape.SHADOWED && ctx.method() == HandlerType.GET) {
                    tap.copy(ctx.path(), ctx.queryString(), ctx.header("Authorization"));
                }
            });
        });
    }

    /** The legacy path and the services path each on an API face of its own, for Shadow to call. */
    private final class ShadowFaces {
        final ServiceServer legacy;
        final ServiceServer services;

        ShadowFaces(Authenticator authenticator, PublicPath legacyPath, PublicPath servicesPath) {
            legacy = keep(ServiceServer.start("api-legacy", "127.0.0.1", 0, metrics, limits(MAX_PUBLIC_REQUEST), PublicApiServer.ERRORS,
                    new PublicApiServer(authenticator, legacyPath, clock)::routes));
            services = keep(ServiceServer.start("api-services", "127.0.0.1", 0, metrics, limits(MAX_PUBLIC_REQUEST), PublicApiServer.ERRORS,
                    new PublicApiServer(authenticator, servicesPath, clock)::routes));
        }
    }

    /**
     * Shadow in front of the two faces: the legacy path stable (and again as secondary, so that
     * what differs between two reads of the same path counts as noise), the services path
     * experimental. It compares only what the public API copies to it while the shape is SHADOWED.
     */
    private void startShadowFront(ShadowFront front) {
        shadow = keep(ShadowProxy.start(ShadowConfig.builder(faces.legacy.uri(), front.experimental().apply(faces.services.uri()))
                .secondary(faces.legacy.uri())
                .dataDir(front.dataDir())
                .build()));
        tap = keep(new ShadowTap(shadow.uri(), settings.get(Keys.HTTP_TIMEOUT)));
    }

    /**
     * The web console, a client like the others: accounts' pages through the public API, the
     * operators' through the control service's admin API, the post-flight service's shard
     * inventory and the services' metrics, all over HTTP whether they run here or elsewhere.
     */
    private void startConsole() {
        ServiceClient control = new ServiceClient("control", reach(Service.CONTROL), token, settings.get(Keys.HTTP_TIMEOUT));
        AccountService accountService = accounts != null ? accounts : new ControlHttpClient(control);
        // every service here shares one registry, so one /metrics has them all; apart, each has its own
        List<URI> metered = servers.isEmpty() ? java.util.stream.Stream.of(Service.API, Service.CONTROL, Service.INFLIGHT, Service.POSTFLIGHT,
                Service.BILLING).flatMap(s -> settings.find(Keys.URL.get(s)).stream()).toList() : List.of(servers.values().iterator().next().uri());
        Traffic traffic = keep(Traffic.start(metered, Duration.ofSeconds(2), Duration.ofMinutes(5), clock));
        URI report = shadow != null ? shadow.adminUri() : settings.find(Keys.CONSOLE_SHADOW_REPORT).orElse(null);
        // what each shard holds, from the post-flight service here, else at postflight.url when set
        ServiceServer postflightHere = servers.get(Service.POSTFLIGHT);
        ShardInventory shards = (postflightHere != null ? java.util.Optional.of(postflightHere.uri()) : settings.find(Keys.POSTFLIGHT_URL))
                .map(uri -> new PostflightHttpClient(new ServiceClient("postflight", uri, token, settings.get(Keys.HTTP_TIMEOUT))))
                .orElse(null);
        Operations sources = new Operations(accountService, reach(Service.API), new RoutingHttpClient(control),
                new SplitRegistryHttpClient(control), shards, new FlagHttpClient(control), new RolloutRegistryHttpClient(control), traffic, report);
        ConsoleServer console = new ConsoleServer(sources, token, settings.get(Keys.CONSOLE_SESSION), settings.get(Keys.HTTP_TIMEOUT), clock);
        serve(Service.CONSOLE, MAX_PUBLIC_REQUEST, console.errors(), console::routes);
    }

    /** Where a service is reached: here when it runs in this process, else at its configured URL. */
    private URI reach(Service service) {
        ServiceServer here = servers.get(service);
        return here != null ? here.uri() : settings.get(Keys.URL.get(service));
    }

    private PublicPath path(String name, RecordReads reads, InflightService flying, BillingService bills) {
        return new PublicPath(name, new Calls(reads, flying, postflight(), clock), new Messages(reads, flying, postflight(), clock), bills);
    }

    private PostflightService postflight() {
        if (postflight == null) {
            postflight = new PostflightHttpClient(client(Service.POSTFLIGHT));
        }
        return postflight;
    }

    private ServiceClient client(Service service) {
        return new ServiceClient(name(service), settings.get(Keys.URL.get(service)), token, settings.get(Keys.HTTP_TIMEOUT));
    }

    private void serve(Service service, long maxRequest, ServiceServer.ErrorRenderer errors, Consumer<RoutesConfig> routes) {
        Listen listen = settings.get(Keys.LISTEN.get(service));
        servers.put(service, keep(ServiceServer.start(name(service), listen.host(), listen.port(), metrics, limits(maxRequest), errors, routes)));
    }

    private ServerLimits limits(long maxRequestBytes) {
        return new ServerLimits(maxRequestBytes, settings.get(Keys.HTTP_HEAD_DEADLINE), settings.get(Keys.HTTP_CONNECTIONS_PER_CLIENT));
    }

    private static String name(Service service) {
        return service.name().toLowerCase(java.util.Locale.ROOT);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        opened.push(resource);
        return resource;
    }

    URI uri(Service service) {
        return servers.get(service).uri();
    }

    AccountService accounts() {
        return accounts;
    }

    /** The control store's routing: in-process when the control service runs here, else over HTTP. */
    RoutingService routingService() {
        return routing();
    }

    /** The OpenFeature client of this process's flags node: how code here asks for a flag (null in a control-only process). */
    Client flagClient() {
        return flagClient;
    }

    /** The control store's flags: in-process when the control service runs here, else over HTTP. */
    FlagService flagService() {
        return flags != null ? flags : new FlagHttpClient(client(Service.CONTROL));
    }

    /** This process's flags node (null in a control-only process). */
    FlagNode flagNode() {
        return flagNode;
    }

    /** Where Shadow's report is, in the legacy shape (null in the others). */
    URI shadowReport() {
        return shadow == null ? null : shadow.adminUri();
    }

    /** The node's shape on the rollout's walk (null outside the legacy shape). */
    RolloutShape shape() {
        return shape == null ? null : shape.now();
    }

    /** This process's routing node, when the post-flight service runs here. */
    MapRouter router() {
        return router;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the services failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
