package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `flightpath chaos` at a small scale, as a user runs it: each scenario on a cluster of its own
 * under the load, with a lease and an auth cache shorter than the fault, so that the fault
 * outlasts both; the load must end with no failed request, nothing lost, doubled or wrong.
 */
class ChaosIT {
    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"control-down, 6s", "kill-control, 0s", "kill-inflight, 0s", "kill-shard0, 0s"})
    void theLoadPassesThroughTheFault(String scenario, String fault) throws Exception {
        Path report = home.resolve("report.txt");
        int exit = Main.commandLine().execute("chaos", scenario, "--home", home.resolve("cluster").toString(),
                "--base-port", Integer.toString(SharedCluster.freeBasePort()), "--accounts", "4", "--rate", "6",
                "--warmup", "3s", "--fault", fault, "--after", "2s", "--report", report.toString(),
                "--set", "routing.lease=2s", "--set", "flags.lease=2s", "--set", "api.auth-cache=2s");

        String summary = Files.readAllLines(report).getFirst();
        assertThat(summary).startsWith("chaos " + scenario + ": passed; 0 requests failed during the")
                .contains("0 lost, 0 doubled, 0 wrong status");
        assertThat(exit).as(summary).isZero();
    }
}
