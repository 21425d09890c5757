package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RolloutRecord.Phase;
import io.flightpath.control.api.RolloutRecord.State;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.ServiceServer;
import io.flightpath.loadgen.LoadConfig;
import io.flightpath.loadgen.LoadReport;
import io.flightpath.rollout.RolloutRunner;
import io.flightpath.rollout.RolloutShape;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Shadow gate and abort, on the legacy shape under the load generator: a services path with
 * one deliberate difference stops the rollout at SHADOW_COMPARE and names the field; without it the
 * gate passes; abort before the point of no return returns to the legacy shape with every record
 * readable, and after it abort is refused with the reason.
 */
@ExtendWith(SharedCluster.class)
class RolloutGateIT {
    @TempDir
    Path shadowData;

    private static LoadConfig load(RunningStack stack) {
        return LoadConfig.builder(stack.api(), stack.events(), stack.stack.uri(Service.CONTROL), RunningStack.TOKEN)
                .accounts(10)
                .callsPerSecond(15)
                .messagesPerSecond(15)
                .duration(Duration.ofMinutes(5))
                .verifyTimeout(Duration.ofSeconds(60))
                .build();
    }

    @Test
    void aServicesPathThatFormatsOneFieldDifferentlyStopsTheRolloutAtShadowCompareAndTheGateNamesIt() throws Exception {
        AtomicReference<ServiceServer> quirk = new AtomicReference<>();
        ShadowFront front = new ShadowFront(shadowData, services -> {
            quirk.set(upperCasedDirection(services));
            return quirk.get().uri();
        });
        try (RunningStack stack = RunningStack.legacy(Map.of(), front);
             Rollouts rollouts = new Rollouts(stack.stack, stack.legacyStore, RunningStack.TOKEN, Rollouts.noShards());
             BackgroundLoad load = new BackgroundLoad(load(stack))) {
            load.awaitCreated(40);
            RolloutRunner runner = rollouts.runner(Rollouts.QUICK, "gate-test", RolloutRunner.PhaseHook.NONE);
            RolloutRecord rollout = runner.plan();

            assertThatThrownBy(() -> runner.run(rollout.id(), Phase.SHADOW_COMPARE))
                    .isInstanceOf(FlightpathException.class)
                    .hasMessageContaining("the Shadow gate refuses")
                    .hasMessageContaining("direction");
            RolloutRecord stopped = rollouts.parts.registry().find(rollout.id()).orElseThrow();
            assertThat(stopped.state()).isEqualTo(State.FAILED);
            assertThat(stopped.phase()).isEqualTo(Phase.SHADOW_COMPARE);
            assertThat(stopped.lastError()).contains("direction");
            assertThat(stopped.outputs().get("shadow_compare.report")).isEqualTo(stack.stack.shadowReport().toString());

            // and back: nothing was flipped, so abort returns every node to the legacy shape
            RolloutRecord aborted = runner.abort(rollout.id());
            assertThat(aborted.state()).isEqualTo(State.ABORTED);
            assertThat(stack.stack.shape()).isEqualTo(RolloutShape.LEGACY);
            assertLoadClean(load.stop());
        } finally {
            if (quirk.get() != null) {
                quirk.get().close();
            }
        }
    }

    @Test
    void withoutTheDifferenceTheGatePassesAndAbortBeforeThePointOfNoReturnReturnsToTheLegacyShapeButNotAfterIt() throws Exception {
        try (RunningStack stack = RunningStack.legacy(Map.of(), ShadowFront.at(shadowData));
             Rollouts rollouts = new Rollouts(stack.stack, stack.legacyStore, RunningStack.TOKEN, Rollouts.noShards());
             BackgroundLoad load = new BackgroundLoad(load(stack))) {
            load.awaitCreated(40);
            RolloutRunner runner = rollouts.runner(Rollouts.QUICK, "abort-test", RolloutRunner.PhaseHook.NONE);
            RolloutRecord rollout = runner.plan();

            RolloutRecord flipped = runner.run(rollout.id(), Phase.FLIP_ACCOUNTS);
            assertThat(flipped.phase()).isEqualTo(Phase.SPLIT_INFLIGHT);
            assertThat(flipped.outputs().get("shadow_compare.verdict")).startsWith("passed");
            assertThat(Long.parseLong(flipped.outputs().get("shadow_compare.compared"))).isGreaterThanOrEqualTo(10);
            assertThat(flipped.outputs().get("flip_accounts.percent")).isEqualTo("100");
            long created = load.created();
            load.awaitCreated(created + 30);

            RolloutRecord aborted = runner.abort(rollout.id());
            assertThat(aborted.state()).isEqualTo(State.ABORTED);
            assertThat(stack.stack.shape()).isEqualTo(RolloutShape.LEGACY);
            load.awaitCreated(load.created() + 30);

            // a second rollout walks past the point of no return; then abort is refused and says why
            RolloutRecord second = runner.plan();
            runner.run(second.id(), Phase.SPLIT_INFLIGHT);
            assertThatThrownBy(() -> runner.abort(second.id()))
                    .isInstanceOf(FlightpathException.class)
                    .hasMessageContaining("point of no return");
            assertThat(stack.stack.shape()).isEqualTo(RolloutShape.DEDICATED_INFLIGHT);
            load.awaitCreated(load.created() + 30);
            assertLoadClean(load.stop()); // every record, from before, during and after the abort, read back as the load wrote it
        }
    }

    static void assertLoadClean(LoadReport report) {
        System.out.println(report.toJson());
        assertThat(report.failedRequests()).as(report.toJson()).isZero();
        assertThat(report.records().lost()).as(report.toJson()).isZero();
        assertThat(report.records().duplicated()).as(report.toJson()).isZero();
        assertThat(report.records().wrongStatus()).as(report.toJson()).isZero();
        assertThat(report.passed()).isTrue();
    }

    /**
     * A proxy in front of the services path's face that upper-cases one field's value in every JSON
     * answer: the deliberate difference the gate must find.
     */
    private static ServiceServer upperCasedDirection(URI services) {
        HttpClient http = HttpClient.newHttpClient();
        return ServiceServer.start("quirk", "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 1 << 20,
                ServiceServer.INTERNAL_ERRORS, r -> r.get("/2010-04-01/*", ctx -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(services.resolve(ctx.path()
                            + (ctx.queryString() == null ? "" : "?" + ctx.queryString())));
                    if (ctx.header("Authorization") != null) {
                        request.header("Authorization", ctx.header("Authorization"));
                    }
                    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    ctx.status(answer.statusCode()).contentType("application/json")
                            .result(answer.body().replace("\"direction\":\"outbound-api\"", "\"direction\":\"OUTBOUND-API\""));
                }));
    }
}
