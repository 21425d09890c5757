package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MeteredHttpTest {

    private static Response status(int status) {
        return new Response(status, new byte[0], null);
    }

    @Test
    void unavailableAndThrottledAreRetriedForEveryRequest() {
        assertThat(MeteredHttp.retryable(status(503), false)).isTrue();
        assertThat(MeteredHttp.retryable(status(429), false)).isTrue();
        assertThat(MeteredHttp.retryable(status(503), true)).isTrue();
    }

    @Test
    void ioFailuresAndGatewayErrorsAreRetriedOnlyWhenRepeatingIsHarmless() {
        Response io = Response.failed("java.io.IOException: connection reset");
        assertThat(MeteredHttp.retryable(io, true)).isTrue();
        assertThat(MeteredHttp.retryable(io, false)).isFalse();
        assertThat(MeteredHttp.retryable(status(504), true)).isTrue();
        assertThat(MeteredHttp.retryable(status(502), false)).isFalse();
    }

    @Test
    void aConnectionThatCouldNotBeMadeIsRetriedEvenForACreateSinceNothingWasSent() {
        Response refused = Response.notConnected("java.net.http.HttpConnectTimeoutException: HTTP connect timed out");
        assertThat(MeteredHttp.retryable(refused, false)).isTrue();
        assertThat(MeteredHttp.retryable(refused, true)).isTrue();
    }

    @Test
    void answersThatCannotImproveAreNotRetried() {
        for (int s : new int[] {200, 201, 204, 400, 401, 404, 409, 422, 500}) {
            assertThat(MeteredHttp.retryable(status(s), true)).as("status %d", s).isFalse();
        }
    }

    @Test
    void onlyTheVerifierTakesNotFoundAsAnAnswer() {
        assertThat(Operation.VERIFY.succeeded(status(404))).isTrue();
        assertThat(Operation.VERIFY.succeeded(status(500))).isFalse();
        assertThat(Operation.VERIFY.succeeded(Response.failed("timeout"))).isFalse();
        assertThat(Operation.FETCH.succeeded(status(404))).isFalse();
        assertThat(Operation.FETCH.succeeded(status(200))).isTrue();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(1));
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.backoff(6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(60)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theDefaultPolicyWaitsSomeSecondsInAll() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        Duration total = Duration.ZERO;
        for (int retry = 1; retry < p.attempts(); retry++) {
            total = total.plus(p.backoff(retry));
        }
        assertThat(total).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
    }
}
