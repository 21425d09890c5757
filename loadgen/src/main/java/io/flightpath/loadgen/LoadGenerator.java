package io.flightpath.loadgen;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Plays the telephony platform against a running Flightpath, over HTTP only: creates accounts,
 * drives calls and messages through their lifecycles at the configured rates while readers list
 * and fetch, then verifies that every record arrived exactly once with its final status.
 * Thread-safe; each {@link #run} is independent.
 */
public final class LoadGenerator {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final Clock clock;
    private final RetryPolicy retry;

    /**
     * {@code clock} stamps the report and the events' times; pacing uses the monotonic timer, so a
     * fixed clock is fine in tests. The client should speak HTTP/1.1.
     */
    public LoadGenerator(HttpClient http, Clock clock) {
        this(http, clock, RetryPolicy.DEFAULT);
    }

    LoadGenerator(HttpClient http, Clock clock, RetryPolicy retry) {
        this.http = http;
        this.clock = clock;
        this.retry = retry;
    }

    /** A generator with its own HTTP/1.1 client and the system clock. */
    public static LoadGenerator create() {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new LoadGenerator(client, Clock.systemUTC());
    }

    /**
     * Runs the load for {@code config.duration()}, waits for every lifecycle to finish, verifies,
     * and reports. Throws UNAVAILABLE when the accounts cannot be created and INTERNAL when the
     * server's answers break the protocol; failed requests are counted in the report instead.
     */
    public LoadReport run(LoadConfig config, Progress progress) {
        return run(config, progress, () -> false);
    }

    /**
     * {@link #run(LoadConfig, Progress)} whose arrivals also end as soon as {@code stop} says so,
     * checked on every tick: for a caller that runs the load around work of unknown length (a
     * split) and ends it once that work is done. Lifecycles already started are driven to their end
     * and verified as usual.
     */
    public LoadReport run(LoadConfig config, Progress progress, BooleanSupplier stop) {
        Instant startedAt = clock.instant();
        Metrics metrics = new Metrics();
        MeteredHttp metered = new MeteredHttp(http, new Semaphore(config.maxInFlight()), metrics, retry);
        PublicApi api = new PublicApi(metered, config.apis(), REQUEST_TIMEOUT);
        List<LoadAccount> accounts = createAccounts(config, metered);
        Ledger ledger = new Ledger();
        PlatformEvents events = new PlatformEvents(metered, new InternalEndpoint(config.events(), config.internalToken(), REQUEST_TIMEOUT));
        AccountPicker picker = new AccountPicker(accounts);
        Traffic traffic = new Traffic(config, picker, new LifecycleDriver(api, events, ledger, clock), new Reader(api, ledger, picker));

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("loadgen-ticker").factory());
        double seconds;
        try {
            long start = System.nanoTime();
            ScheduledFuture<?> lines = ticker.scheduleAtFixedRate(
                    () -> progress.update(line(start, config, ledger, metrics)), 1, 1, TimeUnit.SECONDS);
            try (TaskGroup lifecycles = new TaskGroup("drive records")) {
                traffic.run(ticker, lifecycles, stop);
            }
            lines.cancel(false);
            seconds = (System.nanoTime() - start) / 1e9;
        } finally {
            ticker.shutdownNow();
        }
        List<TrackedRecord> created = ledger.all();
        progress.note("verifying %d records in %d accounts (timeout %ds)".formatted(
                created.size(), accounts.size(), config.verifyTimeout().toSeconds()));
        LoadReport.Records records = new Verifier(api).verify(created, accounts, config.verifyTimeout());
        progress.note("verified: lost %d  duplicated %d  wrong status %d".formatted(
                records.lost(), records.duplicated(), records.wrongStatus()));
        return LoadReport.of(startedAt, seconds, config, metrics.report(), records);
    }

    private static List<LoadAccount> createAccounts(LoadConfig config, MeteredHttp metered) {
        AdminApi admin = new AdminApi(metered, new InternalEndpoint(config.admin(), config.internalToken(), REQUEST_TIMEOUT));
        List<LoadAccount> accounts = new ArrayList<>();
        for (int i = 1; i <= config.accounts(); i++) {
            accounts.add(admin.createAccount("loadgen seed %d #%d".formatted(config.seed(), i)));
        }
        return accounts;
    }

    private static ProgressLine line(long start, LoadConfig config, Ledger ledger, Metrics metrics) {
        return new ProgressLine(Duration.ofNanos(System.nanoTime() - start), config.duration(),
                ledger.count(RecordKind.CALL), ledger.count(RecordKind.MESSAGE), metrics.requests(Operation.EVENT),
                metrics.requests(Operation.FETCH) + metrics.requests(Operation.LIST), metrics.errors(), metrics.recentP99Millis());
    }
}
