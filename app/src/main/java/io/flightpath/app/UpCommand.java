package io.flightpath.app;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.http.Json;
import io.flightpath.app.ServiceStack.Service;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs Flightpath on the embedded default: the local cluster and every service in one process. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local cluster and every service in this process (the embedded default); Ctrl-C stops them.")
final class UpCommand implements Callable<Integer> {
    static final String DEMO_ACCOUNT = "demo-account.json";

    @Mixin
    ClusterOptions options;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:FLIGHTPATH_CONFIG}",
            description = "Settings file (properties); FLIGHTPATH_* environment variables override it.")
    Path config;

    @Option(names = "--keep-cluster", description = "Leave the MariaDB servers running when the services stop.")
    boolean keepCluster;

    @Option(names = "--legacy", description = "Run the legacy shape: every call and message in one database ("
            + StoreAddresses.LEGACY_DB + " on shard0's server), read and written by the legacy code path.")
    boolean legacy;

    @Override
    public Integer call() throws Exception {
        // refused before any server starts: a misspelt key must not cost a cluster start
        Settings settings = Settings.load(config, System.getenv()).refuseUnknown(Keys.prefixes(Service.values()));
        LocalCluster cluster = options.cluster();
        cluster.up(options.host, options.basePort, null);
        Path home = cluster.home();
        StoreAddresses stores = StoreAddresses.of(cluster, settings.get(Keys.DB_POOL));
        String token = LocalSecrets.internalToken(home);
        ServiceStack stack = legacy
                ? ServiceStack.legacy(stores.control(), stores.inflight(), stores.legacy(), ShadowFront.at(home.resolve("shadow")), settings,
                        token, Clock.systemUTC())
                : ServiceStack.embedded(stores, settings, token, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the services");
            Endpoints.remove(home);
            stack.close();
            if (!keepCluster) {
                cluster.down();
            }
            stopped.countDown();
        }, "flightpath-shutdown"));

        AccountCredentials demo = demoAccount(home, stack);
        URI api = stack.uri(Service.API);
        new Endpoints(api, stack.uri(Service.CONTROL), stack.uri(Service.INFLIGHT), stack.uri(Service.POSTFLIGHT),
                stack.uri(Service.BILLING), stack.shadowReport(), stack.uri(Service.CONSOLE), demo).write(home);
        System.out.println();
        System.out.println(legacy ? "Flightpath is up, in the legacy shape." : "Flightpath is up.");
        System.out.println("  public API     " + api + "/2010-04-01/Accounts/" + demo.accountSid() + "/Calls.json");
        System.out.println("  web console    " + stack.uri(Service.CONSOLE) + "  (sign in with the account below; operators with the internal token in "
                + home.resolve("internal-token") + ")");
        System.out.println("  account        " + demo.accountSid());
        System.out.println("  auth token     " + demo.authToken());
        System.out.println("  try            curl -u " + demo.accountSid() + ":" + demo.authToken() + " "
                + api + "/2010-04-01/Accounts/" + demo.accountSid() + "/Calls.json");
        System.out.println("  internal       control " + stack.uri(Service.CONTROL) + ", in-flight (events) "
                + stack.uri(Service.INFLIGHT) + ", post-flight " + stack.uri(Service.POSTFLIGHT) + ", billing " + stack.uri(Service.BILLING));
        if (legacy) {
            System.out.println("  shadow report  " + stack.shadowReport() + " (comparing while `flightpath rollout` is at SHADOW_COMPARE)");
            System.out.println("  rollout        ./flightpath rollout run   (status, resume, abort; --dry-run shows the phases)");
        }
        System.out.println("  every service  /health and /metrics (Prometheus)");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    /** The demo account is created on first start and kept in the cluster folder. */
    private static AccountCredentials demoAccount(Path home, ServiceStack stack) throws java.io.IOException {
        Path file = home.resolve(DEMO_ACCOUNT);
        if (Files.exists(file)) {
            AccountCredentials known = Json.mapper().readValue(file.toFile(), AccountCredentials.class);
            if (stack.accounts().find(known.accountSid()).isPresent()) {
                return known;
            }
        }
        AccountCredentials created = stack.accounts().create("Demo account");
        PrivateFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(created));
        return created;
    }
}
