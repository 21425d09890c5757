package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void percentilesAndCountsPerOperation() {
        Metrics metrics = new Metrics();
        for (int i = 1; i <= 100; i++) {
            metrics.record(Operation.FETCH, ms(i), i != 100, i % 10 == 0 ? 1 : 0);
        }
        LoadReport.OperationReport fetch = metrics.report().get("fetch");
        assertThat(fetch.requests()).isEqualTo(100);
        assertThat(fetch.errors()).isEqualTo(1);
        assertThat(fetch.retries()).isEqualTo(10);
        // three significant digits: values within 0.1%
        assertThat(fetch.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(fetch.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(fetch.maxMs()).isCloseTo(100, within(0.1));
        assertThat(metrics.errors()).isEqualTo(1);
    }

    @Test
    void everyOperationIsReportedInOrderEvenUnused() {
        assertThat(new Metrics().report()).containsOnlyKeys("create_account", "create_call", "create_message", "event",
                "fetch", "list", "verify");
        assertThat(new Metrics().report().keySet()).first().isEqualTo("create_account");
        assertThat(new Metrics().report().get("event")).isEqualTo(new LoadReport.OperationReport(0, 0, 0, 0, 0, 0, null));
    }

    @Test
    void theProgressP99CoversOnlyTheLastWindow() {
        Metrics metrics = new Metrics();
        metrics.record(Operation.EVENT, ms(500), true, 0);
        assertThat(metrics.recentP99Millis()).isCloseTo(500, within(1.0));
        metrics.record(Operation.EVENT, ms(5), true, 0);
        assertThat(metrics.recentP99Millis()).isCloseTo(5, within(0.1));
        assertThat(metrics.requests(Operation.EVENT)).isEqualTo(2);
    }

    @Test
    void theFirstFailuresFinalAnswerIsKeptForTheReport() {
        Metrics metrics = new Metrics();
        metrics.record(Operation.FETCH, ms(1), true, 0, null);
        metrics.record(Operation.FETCH, ms(1), false, 9, "GET /2010-04-01/Accounts/AC1/Calls/CA1.json after 10 tries: HTTP 503 {}");
        metrics.record(Operation.FETCH, ms(1), false, 0, "GET /later after 1 try: HTTP 404 {}");

        assertThat(metrics.report().get("fetch").firstError()).isEqualTo("GET /2010-04-01/Accounts/AC1/Calls/CA1.json after 10 tries: HTTP 503 {}");
        assertThat(metrics.report().get("list").firstError()).isNull();
    }
}
