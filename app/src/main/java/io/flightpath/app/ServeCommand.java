package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import java.nio.file.Path;
import java.time.Clock;
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
