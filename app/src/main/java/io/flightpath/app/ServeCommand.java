package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one service in this process, wired to the others over HTTP by configuration. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run one service on its own: control, postflight, inflight, billing or api.",
                "Stores and the other services' URLs come from the settings file and FLIGHTPATH_* variables."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "control, postflight, inflight, billing or api")
    String service;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:FLIGHTPATH_CONFIG}",
            description = "Settings file (properties); FLIGHTPATH_* environment variables override it.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        Service which;
        try {
            which = Service.valueOf(service.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown service '" + service + "': use control, postflight, inflight, billing or api");
        }
        Settings settings = Settings.load(config, System.getenv());
        ServiceStack stack = ServiceStack.single(which, settings, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "flightpath-shutdown"));
        System.out.println(service + " listening on " + stack.uri(which) + " (Ctrl-C stops it)");
        stopped.await();
        return 0;
    }
}
