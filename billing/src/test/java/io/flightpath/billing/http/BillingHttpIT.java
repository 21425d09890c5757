package io.flightpath.billing.http;

import static io.flightpath.postflight.CallSample.call;
import static io.flightpath.postflight.MessageSample.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.flightpath.billing.testing.TestBilling.DAY_1;
import static io.flightpath.billing.testing.TestBilling.MARCH_1;

import io.flightpath.billing.api.UsageCategory;
import io.flightpath.billing.testing.TestBilling;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against the production routes on a real server over a real post-flight shard: the service's own answers. */
@ExtendWith(SharedCluster.class)
class BillingHttpIT {
    static final String TOKEN = "billing-internal-test-token";
    static TestBilling t;
    static ServiceServer server;
    static BillingHttpClient client;

    final AccountSid account = AccountSid.random();

    @BeforeAll
    static void start() {
        t = TestBilling.open("billinghttp");
        server = ServiceServer.start("billing", "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                1 << 20, ServiceServer.INTERNAL_ERRORS, new BillingHttpServer(t.billing(), new InternalAuth(TOKEN))::routes);
        client = new BillingHttpClient(serviceClient(TOKEN));
    }

    @AfterAll
    static void stop() {
        server.close();
        t.close();
    }

    @Test
    void usageRecordsThroughTheClientEqualTheServicesOwn() {
        t.landed().store().insertCalls(List.of(call(account, DAY_1).price("-0.01700").build()));
        t.landed().store().insertMessages(List.of(message(account, DAY_1.plusSeconds(60)).segments(3).price("-0.02370").build()));

        assertThat(client.usageRecords(account, null, MARCH_1, MARCH_1)).hasSize(3)
                .isEqualTo(t.billing().usageRecords(account, null, MARCH_1, MARCH_1));
        assertThat(client.usageRecords(account, UsageCategory.SMS, MARCH_1, MARCH_1.plusDays(1)))
                .isEqualTo(t.billing().usageRecords(account, UsageCategory.SMS, MARCH_1, MARCH_1.plusDays(1)));
    }

    @Test
    void badArgumentsAreInvalidAsTheServiceSaysAndEveryRouteNeedsTheToken() {
        ServiceClient raw = serviceClient(TOKEN);
        String path = "/v1/accounts/" + account + "/usage-records";

        assertCode(ErrorCode.INVALID_ARGUMENT, () -> client.usageRecords(account, null, MARCH_1.plusDays(1), MARCH_1));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> raw.get(path, Map.of("start", "2025-03-01", "end", "2025-13-01"), List.class));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> raw.get(path, Map.of("start", "2025-03-01"), List.class));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> raw.get(path, Map.of("category", "minutes", "start", "2025-03-01",
                "end", "2025-03-01"), List.class));
        assertCode(ErrorCode.UNAUTHENTICATED, () -> new BillingHttpClient(serviceClient("not-the-billing-token"))
                .usageRecords(account, null, MARCH_1, MARCH_1));
    }

    private static ServiceClient serviceClient(String token) {
        return new ServiceClient("billing", server.uri(), token, Duration.ofSeconds(10));
    }

    private static void assertCode(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
