package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `flightpath chaos` at a small scale, as a user runs it: every scenario, the ones that share a
 * way of running the services in one run (one cluster, one load), with a lease and an auth cache
 * shorter than the control store's outage, so that the outage outlasts both. The load must end
 * with nothing lost, doubled or wrong, and with no failed request during the faults that demand
 * it (the control store, a split's lag).
 */
class ChaosIT {
    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"control-down kill-control split-target-lag kill-inflight kill-shard0", "kill-up",
            "kill-serve-control kill-serve-postflight kill-serve-inflight kill-serve-billing kill-serve-api stop-serve-postflight"})
    void theRecordsComeOutWholeAndWhereDemandedNoRequestFails(String scenarios) throws Exception {
        Path report = home.resolve("report.txt");
        List<String> args = new ArrayList<>(List.of("chaos"));
        args.addAll(List.of(scenarios.split(" ")));
        args.addAll(List.of("--home", home.resolve("cluster").toString(), "--base-port", Integer.toString(SharedCluster.freeBasePort()),
                "--accounts", "4", "--rate", "6", "--warmup", "2s", "--after", "1s", "--report", report.toString(),
                "--set", "routing.lease=2s", "--set", "flags.lease=2s", "--set", "api.auth-cache=2s"));
        if (scenarios.startsWith("control-down")) {
            args.addAll(List.of("--fault", "5s")); // the outage and the split's stall; kills restart at once
        }

        int exit = Main.commandLine().execute(args.toArray(String[]::new));

        List<String> lines = Files.readAllLines(report);
        String summary = lines.stream().filter(l -> l.startsWith("chaos total of ")).findFirst().orElseThrow();
        assertThat(summary).startsWith("chaos total of " + scenarios + ": passed; ").contains("0 lost, 0 doubled, 0 wrong status");
        for (String scenario : List.of("control-down", "kill-control", "split-target-lag")) {
            if (scenarios.contains(scenario)) {
                assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("chaos " + scenario + ": 0 requests failed during the"));
            }
        }
        assertThat(exit).as(String.join("\n", lines)).isZero();
    }
}
