package io.flightpath.app;

import io.flightpath.aggregator.Aggregator;
import io.flightpath.aggregator.Calls;
import io.flightpath.aggregator.Messages;
import io.flightpath.aggregator.PublicPath;
import io.flightpath.aggregator.RecordReads;
import io.flightpath.aggregator.http.Authenticator;
import io.flightpath.aggregator.http.PublicApiServer;
import io.flightpath.billing.api.BillingService;
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
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.http.RoutingHttpClient;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
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
import io.flightpath.postflight.http.PostflightHttpClient;
import io.flightpath.postflight.http.PostflightHttpServer;
import io.flightpath.postflight.routing.MapRouter;
import io.flightpath.postflight.routing.ShardPools;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
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
    enum Service { CONTROL, POSTFLIGHT, INFLIGHT, BILLING, API }

    /** Public API requests above this size are refused before they are parsed. */
    static final long MAX_PUBLIC_REQUEST = 64 * 1024;
    /** Internal batches (handoff, events) may be larger. */
    static final long MAX_INTERNAL_REQUEST = 16 * 1024 * 1024;

    private final Settings settings;
    private final String token;
    private final InternalAuth auth;
    private final Clock clock;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Service, ServiceServer> servers = new EnumMap<>(Service.class);
    private AccountService accounts;
    private RoutingService routing;
    private MapRouter router;
    private PostflightService postflight;
    private InflightService inflight;
    private BillingService billing;
    private LegacyRecords legacyRecords;
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
        });
    }

    /**
     * The legacy shape ("before"), every service in this process: one database holds every call
     * and message, and the public API, billing and the events endpoint read and write it through
     * the legacy code path. Accounts stay in the control store.
     */
    static ServiceStack legacy(DatabaseConfig control, DatabaseConfig legacy, Settings settings, String token, Clock clock) {
        settings.refuseUnknown(Keys.prefixes(Service.values()));
        return build(settings, token, clock, s -> {
            s.startControl(control);
            s.startFlags("flightpath");
            s.startLegacy(legacy);
            s.startBilling();
            s.startApi();
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
            if (service != Service.CONTROL) {
                s.startFlags(service.name().toLowerCase(java.util.Locale.ROOT));
            }
            switch (service) {
                case CONTROL -> s.startControl(StoreAddresses.database(settings, Keys.CONTROL_DB, pool));
                case POSTFLIGHT -> s.startPostflight(StoreAddresses.shards(settings, pool));
                case INFLIGHT -> s.startInflight(StoreAddresses.database(settings, Keys.INFLIGHT_DB, pool));
                case BILLING -> s.startBilling();
                case API -> s.startApi();
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
                new ControlHttpServer(accounts, routing, new MariaDbSplitRegistry(db, clock), flags, auth)::routes);
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
     * (late prices), with no relay: a finished record never leaves the table it was created in.
     */
    private void startLegacy(DatabaseConfig store) {
        Database db = keep(Database.open("legacy", store, LegacyRecords.MIGRATIONS));
        legacyRecords = new LegacyRecords(db, clock);
        inflight = new LegacyInflightStore(legacyRecords);
        postflight = new LegacyPostflightStore(legacyRecords);
        serve(Service.INFLIGHT, MAX_INTERNAL_REQUEST, ServiceServer.INTERNAL_ERRORS, new InflightHttpServer(inflight, auth)::routes);
        serve(Service.POSTFLIGHT, MAX_INTERNAL_REQUEST, ServiceServer.INTERNAL_ERRORS, new PostflightHttpServer(postflight, auth)::routes);
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
        // in the legacy shape the services stand in front of the legacy tables, and the flag
        // chooses per account between them and the legacy path
        PublicPath.Chooser paths = legacyRecords == null ? PublicPath.Chooser.only(services)
                : new ServicesPathFlag(flagClient, path("legacy", new LegacyReads(legacyRecords), flying, bills), services);
        PublicApiServer api = new PublicApiServer(authenticator, paths, clock);
        serve(Service.API, MAX_PUBLIC_REQUEST, PublicApiServer.ERRORS, api::routes);
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
        servers.put(service, keep(ServiceServer.start(name(service), listen.host(), listen.port(), metrics, maxRequest, errors, routes)));
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
