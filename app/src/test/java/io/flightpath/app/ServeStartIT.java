package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.FreePorts;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.store.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** `serve` started before what it needs: it says so and tries again, within `serve.start-wait`. */
@ExtendWith(SharedCluster.class)
class ServeStartIT {

    @Test
    void aPostflightNodeStartedBeforeTheControlServiceStartsOnceControlAnswers() throws Exception {
        DatabaseConfig control = TestDatabases.fresh("control", "control");
        int controlPort = FreePorts.block("127.0.0.1", 1);
        Settings settings = settings(control, controlPort, "30s");
        StringWriter err = new StringWriter();
        CompletableFuture<ServiceStack> postflight = CompletableFuture.supplyAsync(() -> {
            try {
                return ServeCommand.startWhenReachable(Service.POSTFLIGHT, settings, new PrintWriter(err, true));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // the node must be waiting, not gone, before control exists
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> err.toString().contains("cannot start yet"));
        assertThat(postflight).isNotDone();

        try (ServiceStack controlStack = ServiceStack.single(Service.CONTROL, settings, Clock.systemUTC());
             ServiceStack node = postflight.get(30, TimeUnit.SECONDS)) {
            assertThat(node.uri(Service.POSTFLIGHT)).isNotNull();
            assertThat(err.toString()).contains("postflight cannot start yet (try 1)", "serve.start-wait");
        }
    }

    @Test
    void withNoStartWaitAnUnreachableControlServiceFailsTheStartAtOnce() throws Exception {
        Settings settings = settings(TestDatabases.fresh("control", "control"), FreePorts.block("127.0.0.1", 1), "0s");
        StringWriter err = new StringWriter();

        assertThatThrownBy(() -> ServeCommand.startWhenReachable(Service.POSTFLIGHT, settings, new PrintWriter(err, true)))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(err.toString()).isEmpty();
    }

    private static Settings settings(DatabaseConfig control, int controlPort, String startWait) {
        Map<String, String> values = new HashMap<>(Map.of(
                "internal.token", RunningStack.TOKEN,
                "db.user", control.user(),
                "db.password", control.password(),
                "control.db", SeparateProcessesWiringIT.address(control),
                "control.listen", "127.0.0.1:" + controlPort,
                "control.url", "http://127.0.0.1:" + controlPort,
                "postflight.listen", "127.0.0.1:0",
                "postflight.shards", "shard0=" + SeparateProcessesWiringIT.address(TestDatabases.fresh("shard0", "records")),
                "serve.start-wait", startWait));
        return Settings.of(values);
    }
}
