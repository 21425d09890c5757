package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `flightpath demo` at a small scale, as a user runs it: its own cluster, seeded history, the load,
 * every phase of the rollout, and the report. It exits 0 only when nothing failed, was lost,
 * doubled or left in a wrong status and the history reads back intact.
 */
class DemoIT {
    @TempDir
    Path home;

    @Test
    void theDemoWalksEveryPhaseAndReportsNothingFailedLostOrChanged() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream both = new PrintStream(new TeeStream(stdout, captured), true, StandardCharsets.UTF_8)) {
            System.setOut(both);
            exit = Main.commandLine().execute("demo", "--home", home.toString(), "--base-port", Integer.toString(SharedCluster.freeBasePort()),
                    "--records", "3000", "--accounts", "60", "--load-accounts", "8", "--rate", "8", "--shadow-min", "8", "--watch", "500ms",
                    "--baseline", "3s", "--shards", "2");
        } finally {
            System.setOut(stdout);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("the demo's exit code").isZero();
        assertThat(report).contains("demo passed", "seeded history         3,000 of 3,000 read back, 0 missing, 0 differing: intact",
                "requests that failed   0", "records doubled        0", "wrong status           0");
        for (String phase : new String[] {"SERVICES_IN_FRONT", "SHADOW_COMPARE", "FLIP_ACCOUNTS", "SPLIT_INFLIGHT", "LEGACY_BECOMES_SHARD0", "SHARD"}) {
            assertThat(report).as("a report row for %s", phase).containsPattern("(?m)^" + phase + " +\\d");
        }
    }

    /** Writes to both streams: the demo's output stays visible in the test log and is checked. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
