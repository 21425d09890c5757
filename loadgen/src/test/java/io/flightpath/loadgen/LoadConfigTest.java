package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LoadConfigTest {
    private static final URI API = URI.create("http://127.0.0.1:8080");
    private static final URI EVENTS = URI.create("http://127.0.0.1:8081");
    private static final URI ADMIN = URI.create("http://127.0.0.1:8082");
    private static final String TOKEN = "an-internal-token-0123";

    private static LoadConfig.Builder builder() {
        return LoadConfig.builder(API, EVENTS, ADMIN, TOKEN);
    }

    @Test
    void defaultsAreAMinuteOfModerateLoad() {
        LoadConfig c = builder().build();
        assertThat(c.accounts()).isEqualTo(10);
        assertThat(c.callsPerSecond()).isEqualTo(50);
        assertThat(c.messagesPerSecond()).isEqualTo(50);
        assertThat(c.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.readersPerSecond()).isEqualTo(50);
        assertThat(c.maxInFlight()).isEqualTo(256);
        assertThat(c.verifyTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readersDefaultToHalfTheWriteRateWhateverOrderTheRatesAreSetIn() {
        assertThat(builder().callsPerSecond(20).messagesPerSecond(10).build().readersPerSecond()).isEqualTo(15);
        assertThat(builder().readersPerSecond(3).callsPerSecond(20).build().readersPerSecond()).isEqualTo(3);
    }

    @Test
    void smallTestRunsAreAllowed() {
        LoadConfig c = builder().accounts(1).callsPerSecond(20).messagesPerSecond(0).duration(Duration.ofSeconds(2))
                .readersPerSecond(0).maxInFlight(1).verifyTimeout(Duration.ofMillis(500)).build();
        assertThat(c.duration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badValuesAreRefusedNamingFieldAndValue() {
        refused(b -> b.accounts(0), "accounts must be >= 1, was 0");
        refused(b -> b.callsPerSecond(-1), "callsPerSecond must be >= 0, was -1.0");
        refused(b -> b.messagesPerSecond(Double.NaN), "messagesPerSecond must be >= 0, was NaN");
        refused(b -> b.readersPerSecond(Double.POSITIVE_INFINITY), "readersPerSecond must be >= 0, was Infinity");
        refused(b -> b.callsPerSecond(0).messagesPerSecond(0), "callsPerSecond and messagesPerSecond must not both be 0");
        refused(b -> b.duration(Duration.ZERO), "duration must be > 0, was PT0S");
        refused(b -> b.duration(null), "duration must be > 0, was null");
        refused(b -> b.maxInFlight(0), "maxInFlight must be >= 1, was 0");
        refused(b -> b.verifyTimeout(Duration.ofSeconds(-1)), "verifyTimeout must be > 0, was PT-1S");
    }

    @Test
    void endpointsMustBeAbsoluteHttpUris() {
        assertThatThrownBy(() -> LoadConfig.builder(URI.create("localhost:8080"), EVENTS, ADMIN, TOKEN).build())
                .hasMessage("api must be an absolute http(s) URI, was localhost:8080");
        assertThatThrownBy(() -> LoadConfig.builder(API, URI.create("/v1"), ADMIN, TOKEN).build())
                .hasMessage("events must be an absolute http(s) URI, was /v1");
        assertThatThrownBy(() -> LoadConfig.builder(API, EVENTS, null, TOKEN).build())
                .hasMessage("admin must be an absolute http(s) URI, was null");
        assertThatThrownBy(() -> LoadConfig.builder(API, EVENTS, ADMIN, " ").build())
                .hasMessage("internalToken must not be blank");
    }

    @Test
    void theTokenIsNeverPrinted() {
        assertThat(builder().build().toString()).doesNotContain(TOKEN).contains("accounts=10");
    }

    private static void refused(UnaryOperator<LoadConfig.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(builder()).build())
                .isInstanceOf(FlightpathException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
