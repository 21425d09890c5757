package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.core.FlightpathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading declared settings from a file and the environment, and refusing keys nobody declares. */
class SettingsTest {
    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("flightpath.properties"), List.of(lines));
    }

    @Test
    void anUnknownKeyOfTheServicesOwnPrefixIsRefusedNamingItAndTheNearestDeclaredKey() throws IOException {
        Path f = file("handoff.bacth = 5");
        Settings s = Settings.load(f, Map.of());
        assertThatThrownBy(() -> s.refuseUnknown(Keys.prefixes(Service.INFLIGHT)))
                .isInstanceOf(FlightpathException.class)
                .hasMessage("unknown key handoff.bacth in " + f + " (did you mean handoff.batch?)");
        assertThatThrownBy(() -> s.refuseUnknown(Keys.prefixes(Service.values()))).hasMessageContaining("handoff.bacth");
    }

    @Test
    void aKeyOfAnotherServicesPrefixIsTheirsButAKeyOfNobodysPrefixIsRefusedByEveryone() {
        Settings theirs = Settings.of(Map.of("handoff.bacth", "5", "shadow.listn", "1"));
        assertThat(theirs.refuseUnknown(Keys.prefixes(Service.API))).isSameAs(theirs);
        Settings nobodys = Settings.of(Map.of("hnadoff.batch", "5"));
        for (Service service : Service.values()) {
            assertThatThrownBy(() -> nobodys.refuseUnknown(Keys.prefixes(service)))
                    .hasMessage("unknown key hnadoff.batch in defaults (did you mean handoff.batch?)");
        }
        assertThatThrownBy(() -> nobodys.refuseUnknown(Keys.SHADOW_PREFIXES)).hasMessageContaining("hnadoff.batch");
    }

    @Test
    void aVariableOfTheServicesOwnPrefixThatOverridesNoKeyIsRefused() {
        Settings s = Settings.load(null, Map.of("FLIGHTPATH_HANDOFF_BACH", "5", "FLIGHTPATH_HOME", "/srv/fp",
                "FLIGHTPATH_DB_HOST", "127.0.0.1", "FLIGHTPATH_SHADOW_LISTN", "1"));
        assertThatThrownBy(() -> s.refuseUnknown(Keys.prefixes(Service.INFLIGHT)))
                .hasMessage("unknown variable FLIGHTPATH_HANDOFF_BACH (did you mean FLIGHTPATH_HANDOFF_BATCH?)");
        assertThat(s.refuseUnknown(Keys.prefixes(Service.CONTROL))).as("the cluster's own variables are no settings").isSameAs(s);
        assertThatThrownBy(() -> s.refuseUnknown(Keys.SHADOW_PREFIXES)).hasMessageContaining("FLIGHTPATH_SHADOW_LISTN");
    }

    @Test
    void theEnvironmentOverridesTheFileAndAnAbsentKeyHasItsDefault() throws IOException {
        Settings s = Settings.load(file("handoff.batch = 5", "handoff.idle-wait = 2s", "routing.hold-timeout = 3s"),
                Map.of("FLIGHTPATH_HANDOFF_IDLE_WAIT", "300ms", "FLIGHTPATH_ROUTING_HOLD_TIMEOUT", "", "PATH", "/bin"));
        assertThat(s.get(Keys.HANDOFF_BATCH)).isEqualTo(5);
        assertThat(s.get(Keys.HANDOFF_IDLE_WAIT)).isEqualTo(Duration.ofMillis(300));
        assertThat(s.get(Keys.ROUTING_HOLD_TIMEOUT)).as("an empty variable overrides nothing").isEqualTo(Duration.ofSeconds(3));
        assertThat(s.get(Keys.HANDOFF_MAX_BACKOFF)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.get(Keys.HTTP_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.with("handoff.idle-wait", "4s").get(Keys.HANDOFF_IDLE_WAIT)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theRelaysWorkersAreASettingWithTheRelaysDefault() {
        assertThat(Configs.handoff(Settings.of(Map.of())).workers()).isEqualTo(4);
        assertThat(Configs.handoff(Settings.of(Map.of("handoff.workers", "8"))).workers()).isEqualTo(8);
        assertThatThrownBy(() -> Configs.handoff(Settings.of(Map.of("handoff.workers", "0"))))
                .hasMessage("handoff.workers must be a whole number from 1 to 64, was '0'");
    }

    @Test
    void aBadOrMissingValueIsOneMessageNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> Settings.of(Map.of("handoff.batch", "0")).get(Keys.HANDOFF_BATCH))
                .hasMessage("handoff.batch must be a whole number from 1 to 10000, was '0'");
        assertThatThrownBy(() -> Settings.of(Map.of("http.timeout", "0s")).get(Keys.HTTP_TIMEOUT))
                .hasMessage("http.timeout must be longer than 0, was '0s'");
        assertThatThrownBy(() -> Settings.of(Map.of("control.db", "db:3307")).get(Keys.CONTROL_DB))
                .hasMessage("control.db must be HOST:PORT/DATABASE, was 'db:3307'");
        assertThatThrownBy(() -> Settings.of(Map.of("postflight.shards", "shard0=db:3307/x,shard1")).get(Keys.POSTFLIGHT_SHARDS))
                .hasMessage("postflight.shards must be NAME=HOST:PORT/DATABASE[,…], was 'shard1'");
        assertThatThrownBy(() -> Settings.of(Map.of()).get(Keys.CONTROL_URL))
                .hasMessage("control.url must be set (in defaults, or as FLIGHTPATH_CONTROL_URL)");
        assertThatThrownBy(() -> Settings.of(Map.of()).with("handoff.bacth", "5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handoff.bacth");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndReplacements() {
        assertThat(Settings.distance("handoff.bacth", "handoff.batch")).isEqualTo(2);
        assertThat(Settings.distance("routing.pol", "routing.poll")).isEqualTo(1);
        assertThat(Settings.distance("", "abc")).isEqualTo(3);
        assertThat(Settings.distance("same", "same")).isZero();
    }
}
