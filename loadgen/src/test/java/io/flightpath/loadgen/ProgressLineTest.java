package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final ProgressLine LINE = new ProgressLine(Duration.ofMillis(12_400), Duration.ofSeconds(60),
            1200, 600, 3600, 900, 0, 13.6);

    @Test
    void formatsOneLine() {
        assertThat(LINE.format()).isEqualTo("  12s/60s  calls 1200  messages 600  events 3600  reads 900  errors 0  p99 14 ms");
    }

    @Test
    void printStreamProgressPrintsLinesAndNotes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new PrintStreamProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.update(LINE);
        progress.note("verifying 1800 records");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(LINE.format() + System.lineSeparator()
                + "  verifying 1800 records" + System.lineSeparator());
    }
}
