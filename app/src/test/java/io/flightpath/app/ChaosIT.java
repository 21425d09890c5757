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
 * shorter than the control store's outage, so that the outage outlasts both. The split scenarios
 * each run a split of their own (shard0's upper half, then the widest range left), their fault
 * after one or two steps each (every step is the command's default, too long for here). The load
 * must end with nothing lost, doubled or wrong, no read-back of a split missing a record, and no
 * failed request during the faults that demand it (the control store, a split's lag, the control
 * store killed during a split).
 */
class ChaosIT {
    private static final List<String> NO_FAILURES = List.of("control-down", "kill-control", "split-target-lag", "split-target-delay",
            "split-kill-control");

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"control-down kill-control split-target-lag@MOVE_WRITES split-target-delay@SPLIT_SEQUENCES "
            + "split-kill-source@MOVE_READS split-kill-target@SPLIT_SEQUENCES split-kill-control@MOVE_WRITES "
            + "split-kill-inflight@MOVE_READS kill-inflight kill-shard0", "kill-up",
            "kill-serve-control kill-serve-postflight kill-serve-inflight kill-serve-billing kill-serve-api"})
    void theRecordsComeOutWholeAndWhereDemandedNoRequestFails(String scenarios) throws Exception {
        Path report = home.resolve("report.txt");
        List<String> args = new ArrayList<>(List.of("chaos"));
        args.addAll(List.of(scenarios.split(" ")));
        args.addAll(List.of("--home", home.resolve("cluster").toString(), "--base-port", Integer.toString(SharedCluster.freeBasePort()),
                "--accounts", "4", "--rate", "6", "--warmup", "2s", "--after", "1s", "--report", report.toString(),
                "--set", "routing.lease=2s", "--set", "flags.lease=2s", "--set", "api.auth-cache=2s"));
        if (scenarios.startsWith("control-down")) {
            // the outage, each stall of a split's target and each split kill's downtime; other kills restart at once
            args.addAll(List.of("--fault", "3s"));
        }

        int exit = Main.commandLine().execute(args.toArray(String[]::new));

        List<String> lines = Files.readAllLines(report);
        String summary = lines.stream().filter(l -> l.startsWith("chaos total of ")).findFirst().orElseThrow();
        assertThat(summary).startsWith("chaos total of " + scenarios + ": passed; ").contains("0 lost, 0 doubled, 0 wrong status");
        for (String scenario : scenarios.split(" ")) {
            String label = scenario.split("@")[0];
            if (NO_FAILURES.contains(label)) {
                assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("chaos " + scenario + ": 0 requests failed during the"));
            }
            if (label.startsWith("split-") || label.equals("stop-serve-postflight")) {
                assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("chaos " + scenario + ": ")
                        .containsPattern("; 0 of [1-9][0-9]* reads of [1-9][0-9]* calls just handed off missed one").contains(", 0 calls lost"));
            }
        }
        assertThat(exit).as(String.join("\n", lines)).isZero();
    }
}
