package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs one service in this process, wired to the others over HTTP by configuration. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run one service on its own: control, postflight, inflight, billing, api, console or shadow.",
                "Stores and the other services' URLs come from the settings file and FLIGHTPATH_* variables "
                        + "(shadow: the shadow.* keys, as `flightpath shadow --config FILE` reads them)."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "control, postflight, inflight, billing, api, console or shadow")
    String service;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:FLIGHTPATH_CONFIG}",
            description = "Settings file (properties); FLIGHTPATH_* environment variables override it.")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (service.equalsIgnoreCase("shadow")) {
            return ShadowCommand.serve(ShadowSettings.config(Settings.load(config, System.getenv())), spec.commandLine().getOut());
        }
        Service which;
        try {
            which = Service.valueOf(service.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown service '" + service + "': use control, postflight, inflight, billing, api, console or shadow");
        }
        Settings settings = Settings.load(config, System.getenv());
        ServiceStack stack = startWhenReachable(which, settings, spec.commandLine().getErr());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "flightpath-shutdown"));
        System.out.println(service + " listening on " + stack.uri(which) + " (Ctrl-C stops it)");
        stopped.await();
        return 0;
    }

    /**
     * Starts the service, trying again while what it needs at start (its stores, the control
     * service) does not answer yet, for {@code serve.start-wait}: hosts that boot together start
     * their services in no particular order. Anything else (a bad setting, a failed migration)
     * fails at once.
     */
    static ServiceStack startWhenReachable(Service which, Settings settings, PrintWriter err) throws InterruptedException {
        Duration wait = settings.get(Keys.SERVE_START_WAIT);
        long deadline = System.nanoTime() + wait.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return ServiceStack.single(which, settings, Clock.systemUTC());
            } catch (FlightpathException e) {
                if (e.code() != ErrorCode.UNAVAILABLE || System.nanoTime() + RETRY_PAUSE.toNanos() > deadline) {
                    throw e;
                }
                err.printf("%s cannot start yet (try %d): %s; trying again for up to %s (serve.start-wait)%n",
                        which.name().toLowerCase(java.util.Locale.ROOT), attempt, e.getMessage(), wait);
                err.flush();
                Thread.sleep(RETRY_PAUSE);
            }
        }
    }

    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
}
