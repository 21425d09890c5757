package io.flightpath.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider through the OpenFeature client, over a source held in memory that can be cut off. */
class FlightpathProviderTest {
    static final AtomicInteger DOMAINS = new AtomicInteger();
    final Source source = new Source();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    FlagNode node;
    Client client;

    /** A control store in memory: the snapshot it serves, the acknowledgements it got, and a switch that makes it unreachable. */
    static final class Source implements FlagSource {
        volatile FlagSnapshot current = FlagSnapshot.EMPTY;
        volatile boolean reachable = true;
        final List<Long> acknowledged = new CopyOnWriteArrayList<>();

        @Override
        public Optional<FlagSnapshot> changedSince(long version) {
            check();
            return current.version() == version ? Optional.empty() : Optional.of(current);
        }

        @Override
        public void acknowledge(String nodeId, long version, Instant at, Instant leaseUntil) {
            check();
            acknowledged.add(version);
        }

        private void check() {
            if (!reachable) {
                throw FlightpathException.unavailable("control store unreachable");
            }
        }
    }

    @BeforeEach
    void start() {
        source.current = FlagSnapshot.of(1, List.of(Flag.create("services-path", "d", List.of(), "false"),
                Flag.create("pipeline", "d", List.of("old", "new"), "old")));
        node = new FlagNode(source, new FlagNodeConfig("node-a", Duration.ofMillis(10), Duration.ofMillis(200)),
                Clock.systemUTC(), metrics).start();
        String domain = "provider-test-" + DOMAINS.incrementAndGet();
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, new FlightpathProvider(node, metrics));
        client = OpenFeatureAPI.getInstance().getClient(domain);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static ImmutableContext account(String sid) {
        return new ImmutableContext(sid);
    }

    @Test
    void reasonsAndValuesComeFromTheSnapshot() {
        String sid = AccountSid.random().value();
        assertThat(client.getBooleanDetails("services-path", true, account(sid)))
                .satisfies(d -> assertThat(d.getValue()).isFalse())
                .satisfies(d -> assertThat(d.getReason()).isEqualTo("DEFAULT"));
        publish(2, Flag.create("services-path", "d", List.of(), "false").withAccount(sid, "true"),
                Flag.create("pipeline", "d", List.of("old", "new"), "old").withRollout(100, "new"));
        await().untilAsserted(() -> assertThat(node.snapshot().version()).isEqualTo(2));

        FlagEvaluationDetails<Boolean> explicit = client.getBooleanDetails("services-path", false, account(sid));
        assertThat(explicit.getValue()).isTrue();
        assertThat(explicit.getReason()).isEqualTo("TARGETING_MATCH");
        assertThat(explicit.getVariant()).isEqualTo("true");
        FlagEvaluationDetails<String> split = client.getStringDetails("pipeline", "old", account(sid));
        assertThat(split.getValue()).isEqualTo("new");
        assertThat(split.getReason()).isEqualTo("SPLIT");

        publish(3, Flag.create("services-path", "d", List.of(), "false").withAccount(sid, "true").withKilled(true));
        await().untilAsserted(() -> assertThat(node.snapshot().version()).isEqualTo(3));
        assertThat(client.getBooleanDetails("services-path", true, account(sid)))
                .satisfies(d -> assertThat(d.getValue()).isFalse())
                .satisfies(d -> assertThat(d.getReason()).isEqualTo("DISABLED"));
        assertThat(metrics.get("flightpath.flags.evaluations").tag("flag", "services-path").tag("value", "false").counter().count())
                .isEqualTo(2);
    }

    @Test
    void anUnknownFlagOrTheWrongTypeGivesTheCallersDefaultWithAnError() {
        FlagEvaluationDetails<Boolean> missing = client.getBooleanDetails("nope", true, account(AccountSid.random().value()));
        assertThat(missing.getValue()).isTrue();
        assertThat(missing.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        FlagEvaluationDetails<Boolean> wrong = client.getBooleanDetails("pipeline", true, account(AccountSid.random().value()));
        assertThat(wrong.getValue()).isTrue();
        assertThat(wrong.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(client.getIntegerDetails("services-path", 7).getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    }

    @Test
    void aChangeIsAnnouncedWithTheFlagsItChanged() {
        List<EventDetails> changes = new CopyOnWriteArrayList<>();
        client.onProviderConfigurationChanged(changes::add);
        publish(2, Flag.create("services-path", "d", List.of(), "true"), Flag.create("pipeline", "d", List.of("old", "new"), "old"));

        await().untilAsserted(() -> assertThat(changes).anySatisfy(e -> assertThat(e.getFlagsChanged()).containsExactly("services-path")));
        await().untilAsserted(() -> assertThat(source.acknowledged).contains(2L));
    }

    @Test
    void aNodeCutOffKeepsItsSnapshotGoesStaleAndCatchesUpByItself() {
        String sid = AccountSid.random().value();
        publish(2, Flag.create("services-path", "d", List.of(), "false").withAccount(sid, "true"));
        await().untilAsserted(() -> assertThat(client.getBooleanValue("services-path", false, account(sid))).isTrue());
        List<EventDetails> stale = new CopyOnWriteArrayList<>();
        List<EventDetails> ready = new CopyOnWriteArrayList<>();
        client.onProviderStale(stale::add);
        client.onProviderReady(ready::add);

        source.reachable = false;
        await().untilAsserted(() -> assertThat(stale).hasSize(1));
        assertThat(node.isStale()).isTrue();
        assertThat(client.getProviderState()).isEqualTo(ProviderState.STALE);
        assertThat(client.getBooleanValue("services-path", false, account(sid))).isTrue();
        assertThat(metrics.get("flightpath.flags.stale").gauge().value()).isEqualTo(1);

        publish(3, Flag.create("services-path", "d", List.of(), "false"));
        source.reachable = true;
        await().untilAsserted(() -> assertThat(client.getBooleanValue("services-path", true, account(sid))).isFalse());
        await().untilAsserted(() -> assertThat(client.getProviderState()).isEqualTo(ProviderState.READY));
        assertThat(node.isStale()).isFalse();
        assertThat(source.acknowledged).last().isEqualTo(3L);
    }

    private void publish(long version, Flag... flags) {
        source.current = FlagSnapshot.of(version, List.of(flags));
    }
}
