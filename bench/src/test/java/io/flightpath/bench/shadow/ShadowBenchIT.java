package io.flightpath.bench.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench shadow} at a tiny scale against the trivial backend: every path answers, and each proxy's CPU is metered. */
class ShadowBenchIT {
    @TempDir
    Path tools;

    @Test
    void everyPathAnswersWithoutErrorsAndEachProxyHasItsOwnCpuPerRequest() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ShadowBench.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ShadowBench.Plan(Duration.ofMillis(200), Duration.ofMillis(600), List.of(4), 1), List.of(), tools);
        String report = bytes.toString(StandardCharsets.UTF_8);

        Row direct = row(report, "direct").orElseThrow(() -> new AssertionError("no direct row in:\n" + report));
        Row shadow = row(report, "shadow").orElseThrow(() -> new AssertionError("no shadow row in:\n" + report));
        assertThat(direct.requestsPerSecond()).isPositive();
        assertThat(direct.errors()).isZero();
        assertThat(direct.cpu()).isEqualTo("-");
        assertThat(shadow.requestsPerSecond()).isPositive();
        assertThat(shadow.errors()).isZero();
        // Shadow proxies, mirrors and compares in its own JVM: that costs CPU on every request
        assertThat(Double.parseDouble(shadow.cpu())).as(report).isPositive();

        Optional<Row> mirror = row(report, "nginx mirror");
        if (mirror.isPresent()) {
            assertThat(mirror.get().errors()).isZero();
            assertThat(Double.parseDouble(mirror.get().cpu())).as(report).isPositive();
        } else {
            // the machine has no nginx and it could not be fetched: the report says so
            assertThat(report).contains("nginx: skipped");
        }
    }

    private record Row(double requestsPerSecond, long errors, String cpu) {
    }

    /** The columns of the first row of {@code path}: backend, conns, path (maybe two words), req/s, ..., errors, mirrored, dropped, cpu. */
    private static Optional<Row> row(String report, String path) {
        return report.lines()
                .filter(l -> l.startsWith("trivial JSON") && l.substring(23).startsWith(path + " "))
                .findFirst()
                .map(l -> {
                    String[] f = l.substring(23 + 15).trim().split("\\s+");
                    return new Row(Double.parseDouble(f[0]), Long.parseLong(f[5]), f[8]);
                });
    }
}
