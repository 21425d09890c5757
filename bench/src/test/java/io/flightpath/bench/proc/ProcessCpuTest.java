package io.flightpath.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
    @Test
    void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (nginx: worker (1)) S 4241 4241 4241 0 -1 4194560 1000 0 0 0 37 5 0 0 20 0 1 0 123 456 789";
        assertThat(ProcessCpu.ticks(stat)).isEqualTo(42);
    }

    @Test
    void aBusyChildCountsInItsParentsTree() {
        // a shell that spins until killed, as a child of this JVM
        Process busy;
        try {
            busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            Duration child = Duration.ZERO;
            while (child.isZero()) { // until the kernel has charged it a first tick
                assertThat(busy.isAlive()).isTrue();
                child = ProcessCpu.of(busy.pid());
            }
            Duration alone = ProcessCpu.of(ProcessHandle.current().pid());
            assertThat(ProcessCpu.ofTree(ProcessHandle.current().pid())).isGreaterThanOrEqualTo(alone.plus(child));
        } finally {
            busy.destroyForcibly();
        }
    }
}
