package io.flightpath.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.AccountService;
import io.flightpath.control.http.ControlHttpClient;
import io.flightpath.control.http.ControlHttpServer;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbFlagStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.core.AccountSid;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Accounts through the store and through its HTTP face, which must behave the same. */
@ExtendWith(SharedCluster.class)
class AccountsIT {
    static final String TOKEN = "internal-token-for-tests";
    static Database db;
    static ServiceServer server;
    static MariaDbAccountStore store;
    static ControlHttpClient client;

    @BeforeAll
    static void start() {
        db = Database.open("control", TestDatabases.fresh("control", "control"), List.of(MariaDbAccountStore.MIGRATIONS));
        store = new MariaDbAccountStore(db, Clock.systemUTC());
        ControlHttpServer routes = new ControlHttpServer(store, new MariaDbRoutingStore(db, Clock.systemUTC()), new MariaDbSplitRegistry(db, Clock.systemUTC()),
                new MariaDbFlagStore(db, Clock.systemUTC()), new InternalAuth(TOKEN));
        server = ServiceServer.start("control", "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                1 << 20, ServiceServer.INTERNAL_ERRORS, routes::routes);
        client = new ControlHttpClient(new ServiceClient("control", server.uri(), TOKEN, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static Stream<AccountService> services() {
        return Stream.of(store, client);
    }

    @ParameterizedTest
    @MethodSource("services")
    void aNewAccountAuthenticatesWithItsTokenOnly(AccountService accounts) {
        AccountCredentials created = accounts.create("Acme");

        assertThat(accounts.authenticate(created.accountSid(), created.authToken()))
                .hasValueSatisfying(a -> {
                    assertThat(a.sid()).isEqualTo(created.accountSid());
                    assertThat(a.friendlyName()).isEqualTo("Acme");
                    assertThat(a.status()).isEqualTo("active");
                });
        assertThat(accounts.authenticate(created.accountSid(), created.authToken() + "x")).isEmpty();
        assertThat(accounts.authenticate(created.accountSid(), "")).isEmpty();
        assertThat(accounts.authenticate(AccountSid.random(), created.authToken())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("services")
    void findKnowsOnlyAccountsThatExist(AccountService accounts) {
        AccountCredentials created = accounts.create(null);

        assertThat(accounts.find(created.accountSid())).hasValueSatisfying(a -> assertThat(a.friendlyName()).isNotBlank());
        assertThat(accounts.find(AccountSid.random())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("services")
    void anOverlongNameIsRefused(AccountService accounts) {
        assertThatThrownBy(() -> accounts.create("x".repeat(65)))
                .isInstanceOf(FlightpathException.class)
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @org.junit.jupiter.api.Test
    void theInternalApiRefusesCallersWithoutTheInternalToken() {
        ControlHttpClient stranger = new ControlHttpClient(new ServiceClient("control", server.uri(), "wrong-token-wrong-token", Duration.ofSeconds(5)));

        assertThatThrownBy(() -> stranger.create("x"))
                .isInstanceOf(FlightpathException.class)
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }
}
