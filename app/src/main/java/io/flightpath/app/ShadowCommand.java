package io.flightpath.app;

import io.flightpath.shadow.ShadowConfig;
import io.flightpath.shadow.ShadowProxy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shadow: answers clients from a stable version and reports how an experimental version differs. */
@Command(name = "shadow", mixinStandardHelpOptions = true,
        description = {"Proxy every request to a stable and an experimental version, answer with the stable response only, "
                + "and report the differences (page, JSON API and /metrics on the admin port).",
                "Options override the shadow.* keys of the settings file (--config) and FLIGHTPATH_SHADOW_* variables."})
final class ShadowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:FLIGHTPATH_CONFIG}",
            description = "Settings file (properties) with shadow.* keys; FLIGHTPATH_SHADOW_* variables override it.")
    Path config;

    @Option(names = "--listen", paramLabel = "[HOST:]PORT",
            description = "Where clients send requests (shadow.listen; default " + Keys.SHADOW_DEFAULT_LISTEN + ").")
    String listen;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Port of the report page, JSON API and metrics (shadow.admin-port; default " + Keys.SHADOW_DEFAULT_ADMIN_PORT + ").")
    String adminPort;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address both ports listen on (shadow.host; default " + Keys.SHADOW_DEFAULT_HOST + ").")
    String host;

    @Option(names = "--stable", paramLabel = "URL", description = "The known-stable version; clients get its answers (shadow.stable).")
    String stable;

    @Option(names = "--experimental", paramLabel = "URL", description = "The version under test (shadow.experimental).")
    String experimental;

    @Option(names = "--secondary", paramLabel = "URL",
            description = "A second instance of the stable version, to tell noise from regressions (shadow.secondary).")
    String secondary;

    @Option(names = "--rules", paramLabel = "FILE", description = "Comparison rules per endpoint (JSON; see the README) (shadow.rules).")
    String rules;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where samples and the report are kept across restarts (shadow.data; default $FLIGHTPATH_HOME/shadow).")
    String data;

    @Option(names = "--secret-headers", paramLabel = "NAME[,NAME...]",
            description = "Headers redacted in stored samples (shadow.secret-headers; default Authorization, Proxy-Authorization, Cookie, Set-Cookie).")
    String secretHeaders;

    @Override
    public Integer call() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(Keys.SHADOW_LISTEN.key(), listen);
        options.put(Keys.SHADOW_ADMIN_PORT.key(), adminPort);
        options.put(Keys.SHADOW_HOST.key(), host);
        options.put(Keys.SHADOW_STABLE.key(), stable);
        options.put(Keys.SHADOW_EXPERIMENTAL.key(), experimental);
        options.put(Keys.SHADOW_SECONDARY.key(), secondary);
        options.put(Keys.SHADOW_RULES.key(), rules);
        options.put(Keys.SHADOW_DATA.key(), data);
        options.put(Keys.SHADOW_SECRET_HEADERS.key(), secretHeaders);
        Settings settings = Settings.load(config, System.getenv());
        for (Map.Entry<String, String> o : options.entrySet()) {
            if (o.getValue() != null) {
                settings = settings.with(o.getKey(), o.getValue());
            }
        }
        return serve(ShadowSettings.config(settings), spec.commandLine().getOut());
    }

    /**
     * Runs Shadow until the process is stopped (Ctrl-C) or the calling thread is interrupted, and
     * closes it either way. Returns the exit code.
     */
    static int serve(ShadowConfig config, PrintWriter out) {
        ShadowProxy shadow = ShadowProxy.start(config);
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                shadow.close();
            }
            stopped.countDown();
        };
        Thread hook = new Thread(close, "shadow-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("shadow listening on " + shadow.uri() + " (stable " + config.stable() + ", experimental " + config.experimental()
                + (config.secondary() == null ? "" : ", secondary " + config.secondary()) + ")");
        out.println("report on " + shadow.adminUri() + " — Ctrl-C stops it");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it closes Shadow
            }
            close.run();
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
