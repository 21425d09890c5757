package io.flightpath.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What a node does before it acknowledges a newer version: the listener's work first, and no acknowledgement when it fails. */
class FlagNodeAdoptingTest {
    final FlightpathProviderTest.Source source = new FlightpathProviderTest.Source();

    @Test
    void aFailingAdoptionKeepsTheOldSnapshotSendsNoAcknowledgementAndIsTriedAgainAtTheNextPoll() {
        source.current = FlagSnapshot.of(1, List.of(Flag.create("shape", "d", List.of("old", "new"), "old")));
        FlagNode node = new FlagNode(source, new FlagNodeConfig("node-a", Duration.ofMinutes(1), Duration.ofMinutes(3)),
                Clock.systemUTC(), new SimpleMeterRegistry());
        node.refresh();
        AtomicBoolean ready = new AtomicBoolean();
        node.addListener(new FlagNode.Listener() {
            @Override
            public void adopting(FlagSnapshot next) {
                assertThat(node.snapshot().version()).as("adopting runs before the node evaluates by the new version").isEqualTo(1);
                if (!ready.get()) {
                    throw new IllegalStateException("not ready for version " + next.version());
                }
            }
        });
        source.current = FlagSnapshot.of(2, List.of(Flag.create("shape", "d", List.of("old", "new"), "new")));

        assertThatThrownBy(node::refresh).hasMessageContaining("not ready for version 2");
        assertThat(node.snapshot().version()).isEqualTo(1);
        assertThat(source.acknowledged).containsExactly(1L);

        ready.set(true);
        node.refresh();
        assertThat(node.snapshot().version()).isEqualTo(2);
        assertThat(source.acknowledged).containsExactly(1L, 2L);
    }
}
