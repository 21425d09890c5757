package io.flightpath.app;

import io.flightpath.core.FlightpathException;
import io.flightpath.loadgen.LoadConfig;
import io.flightpath.loadgen.LoadGenerator;
import io.flightpath.loadgen.LoadReport;
import io.flightpath.loadgen.PrintStreamProgress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Plays the telephony platform and API readers against a running Flightpath, then verifies every record. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Create calls and messages through the public API, drive each through its lifecycle with status events,",
                "read while it runs, then verify every record: found once, final status, right account.",
                "Exits 1 when anything was lost, duplicated or failed. Defaults reach the Flightpath that `up` runs."})
final class LoadCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions options;

    @Option(names = "--api", paramLabel = "URL", split = ",",
            description = "Public API root, or several API nodes' roots, comma-separated, the requests spread over them (default: the running `up`).")
    List<URI> api;

    @Option(names = "--events", paramLabel = "URL", description = "In-flight service, whose /v1/events takes status events (default: the running `up`).")
    URI events;

    @Option(names = "--admin", paramLabel = "URL", description = "Admin API that creates accounts (default: the running `up`).")
    URI admin;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:FLIGHTPATH_INTERNAL_TOKEN}",
            description = "Internal token for events and the admin API (default: the local installation's).")
    String token;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "10", description = "Accounts to spread the load over (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--calls-per-second", paramLabel = "R", defaultValue = "50", description = "New calls per second (default ${DEFAULT-VALUE}).")
    double callsPerSecond;

    @Option(names = "--messages-per-second", paramLabel = "M", defaultValue = "50", description = "New messages per second (default ${DEFAULT-VALUE}).")
    double messagesPerSecond;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to create records, e.g. 30s or 5m (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report here (schema: loadgen/REPORT.md).")
    Path report;

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Setting.parseDuration("--duration", value);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path home = options.home.toAbsolutePath().normalize();
        Endpoints running = (api == null || events == null || admin == null) ? Endpoints.read(home).orElseThrow(() ->
                FlightpathException.failedPrecondition("no running Flightpath found in %s: start it with `./flightpath up` "
                        + "or give --api, --events and --admin", home)) : null;
        LoadConfig config = LoadConfig.builder(
                        api != null ? api.getFirst() : running.api(),
                        events != null ? events : running.events(),
                        admin != null ? admin : running.control(),
                        token != null ? token : LocalSecrets.internalToken(home))
                .moreApis(api != null ? api.subList(1, api.size()) : List.of())
                .accounts(accounts)
                .callsPerSecond(callsPerSecond)
                .messagesPerSecond(messagesPerSecond)
                .duration(duration)
                .seed(seed)
                .build();
        LoadReport result = LoadGenerator.create().run(config, new PrintStreamProgress(System.err));
        String json = result.toJson();
        if (report != null) {
            Files.writeString(report, json);
            System.err.println("report written to " + report.toAbsolutePath());
        }
        System.out.println(json);
        return result.passed() ? 0 : 1;
    }
}
