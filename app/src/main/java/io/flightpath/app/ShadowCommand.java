package io.flightpath.app;

import io.flightpath.shadow.ShadowConfig;
import io.flightpath.shadow.ShadowProxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Shadow: answers clients from a stable version and reports how an experimental version differs. */
@Command(name = "shadow", mixinStandardHelpOptions = true,
        description = {"Proxy every request to a stable and an experimental version, answer with the stable response only,",
                "and report the differences (page, JSON API and /metrics on the admin port)."})
final class ShadowCommand implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "PORT", defaultValue = "${env:FLIGHTPATH_SHADOW_LISTEN:-9000}",
            description = "Port clients send requests to (default ${DEFAULT-VALUE}).")
    int listen;

    @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "${env:FLIGHTPATH_SHADOW_ADMIN_PORT:-9001}",
            description = "Port of the report page, JSON API and metrics (default ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:FLIGHTPATH_SHADOW_HOST:-127.0.0.1}",
            description = "Address both ports listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--stable", required = true, paramLabel = "URL", description = "The known-stable version; clients get its answers.")
    URI stable;

    @Option(names = "--experimental", required = true, paramLabel = "URL", description = "The version under test.")
    URI experimental;

    @Option(names = "--secondary", paramLabel = "URL", description = "A second instance of the stable version, to tell noise from regressions.")
    URI secondary;

    @Option(names = "--rules", paramLabel = "FILE", description = "Comparison rules per endpoint (JSON; see the README).")
    Path rules;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:FLIGHTPATH_HOME:-.flightpath}/shadow",
            description = "Where samples and the report are kept across restarts (default ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() throws InterruptedException {
        ShadowConfig.Builder config = ShadowConfig.builder(stable, experimental)
                .host(host).listenPort(listen).adminPort(adminPort).dataDir(data);
        if (secondary != null) {
            config.secondary(secondary);
        }
        if (rules != null) {
            config.rules(rules);
        }
        ShadowProxy shadow = ShadowProxy.start(config.build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shadow.close();
            stopped.countDown();
        }, "shadow-shutdown"));
        System.out.println("shadow listening on " + shadow.uri() + " (stable " + stable + ", experimental " + experimental + ")");
        System.out.println("report on " + shadow.adminUri() + " — Ctrl-C stops it");
        stopped.await();
        return 0;
    }
}
