package io.flightpath.shadow;

import io.flightpath.core.FlightpathException;
import io.flightpath.http.ServiceServer;
import io.flightpath.shadow.diff.Classifier;
import io.flightpath.shadow.diff.ResponseComparer;
import io.flightpath.shadow.http.ReportApi;
import io.flightpath.shadow.http.ReportPages;
import io.flightpath.shadow.proxy.Mirror;
import io.flightpath.shadow.proxy.ProxyHandler;
import io.flightpath.shadow.proxy.ProxyServer;
import io.flightpath.shadow.proxy.Upstream;
import io.flightpath.shadow.report.EndpointView;
import io.flightpath.shadow.report.Recorder;
import io.flightpath.shadow.report.Redactor;
import io.flightpath.shadow.report.SampleStore;
import io.flightpath.shadow.report.ShadowReport;
import io.flightpath.shadow.report.Thresholds;
import io.flightpath.shadow.rules.Rules;
import io.flightpath.shadow.rules.RulesFile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Shadow: the proxy on {@link #port()} and the report (page, JSON API, metrics) on
 * {@link #adminPort()}. {@link #close()} stops both, lets the comparisons under way finish, and
 * saves the counts.
 */
public final class ShadowProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowProxy.class);

    private final String host;
    private final ProxyServer proxy;
    private final ServiceServer admin;
    private final List<Upstream> upstreams;
    private final Mirror mirror;
    private final Duration mirrorDrain;
    private final ScheduledExecutorService saver;
    private final ShadowReport report;
    private final SampleStore samples;
    private final Path reportFile;

    private ShadowProxy(String host, ProxyServer proxy, ServiceServer admin, List<Upstream> upstreams, Mirror mirror,
                        Duration mirrorDrain, ScheduledExecutorService saver, ShadowReport report, SampleStore samples, Path reportFile) {
        this.host = host;
        this.proxy = proxy;
        this.admin = admin;
        this.upstreams = upstreams;
        this.mirror = mirror;
        this.mirrorDrain = mirrorDrain;
        this.saver = saver;
        this.report = report;
        this.samples = samples;
        this.reportFile = reportFile;
    }

    /** Starts Shadow; a bad rules file or a taken port fails here with one clear message. */
    public static ShadowProxy start(ShadowConfig config) {
        Rules rules = config.rules() == null ? Rules.none() : RulesFile.load(config.rules());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ShadowReport report = new ShadowReport(metrics,
                new Thresholds(config.secondary() != null, config.noiseRelative(), config.noiseAbsolute()), 500, 200);
        Path reportFile = config.dataDir().resolve("report.json");
        SampleStore samples = new SampleStore(config.dataDir(), config.samplesPerField(), config.maxSamples());
        try {
            report.load(reportFile);
        } catch (IOException e) {
            throw FlightpathException.unavailable("cannot read the saved report %s: %s", reportFile, e);
        }
        // a plain virtual thread per mirrored request: an executor that tracks its threads costs a map update
        // per request, and the mirror's permits already tell when its work is done (see close)
        ThreadFactory mirrorThreads = Thread.ofVirtual().name("shadow-mirror").factory();
        Recorder recorder = new Recorder(new Classifier(new ResponseComparer()), report, samples,
                new Redactor(config.secretHeaders()), config.compareBodyBytes(), Clock.systemUTC());
        Upstream stable = new Upstream("stable", config.stable(), config.stableTimeout(), config.maxBodyBytes());
        Upstream experimental = new Upstream("experimental", config.experimental(), config.experimentalTimeout(),
                config.maxBodyBytes());
        Upstream secondary = config.secondary() == null ? null
                : new Upstream("secondary", config.secondary(), config.experimentalTimeout(), config.maxBodyBytes());
        Mirror mirror = new Mirror(experimental, secondary, config.mirrorCapacity(),
                task -> mirrorThreads.newThread(task).start(), recorder);
        ProxyServer proxy = proxyServer(config, new ProxyHandler(rules, stable, mirror, recorder, config.maxBodyBytes()));
        ServiceServer admin = ServiceServer.start("shadow", config.host(), config.adminPort(), metrics, 64 * 1024,
                ServiceServer.INTERNAL_ERRORS, r -> {
                    new ReportApi(report, samples).routes(r);
                    new ReportPages(report, samples).routes(r);
                });
        ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        List<Upstream> upstreams = secondary == null ? List.of(stable, experimental) : List.of(stable, experimental, secondary);
        ShadowProxy shadow = new ShadowProxy(config.host(), proxy, admin, upstreams, mirror,
                config.stableTimeout().plus(config.experimentalTimeout()).plusSeconds(10), saver, report, samples, reportFile);
        saver.scheduleWithFixedDelay(shadow::save, 10, 10, TimeUnit.SECONDS);
        LOG.info("shadow on {}:{} (stable {}, experimental {}{}), report on port {}", config.host(), proxy.port(),
                config.stable(), config.experimental(), config.secondary() == null ? "" : ", secondary " + config.secondary(),
                admin.port());
        return shadow;
    }

    private static ProxyServer proxyServer(ShadowConfig config, ProxyHandler handler) {
        try {
            return ProxyServer.start(config.host(), config.listenPort(), handler);
        } catch (Exception e) {
            throw FlightpathException.unavailable("cannot start shadow on %s:%d: %s", config.host(), config.listenPort(), e.getMessage());
        }
    }

    public int port() {
        return proxy.port();
    }

    public int adminPort() {
        return admin.port();
    }

    /** Where clients on this machine reach the proxy. */
    public URI uri() {
        return URI.create("http://" + reachable(host) + ":" + port());
    }

    public URI adminUri() {
        return admin.uri();
    }

    ShadowReport report() {
        return report;
    }

    /** The report's endpoints now, as {@code /api/endpoints} serves them. */
    public List<EndpointView> endpoints() {
        return report.endpoints();
    }

    SampleStore samples() {
        return samples;
    }

    private static String reachable(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    private void save() {
        try {
            report.save(reportFile);
        } catch (IOException e) {
            LOG.warn("cannot save the report to {}: {}", reportFile, e.toString());
        }
    }

    @Override
    public void close() {
        proxy.close();
        saver.shutdownNow();
        try {
            // the shadow calls under way finish, each within its timeout, and their comparisons with them
            if (!mirror.awaitIdle(mirrorDrain)) {
                LOG.warn("closing with {} comparisons still under way after {}", mirror.inFlight(), mirrorDrain);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        upstreams.forEach(Upstream::close);
        admin.close();
        save();
        samples.close();
    }
}
