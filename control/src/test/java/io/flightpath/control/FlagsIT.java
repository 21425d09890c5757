package io.flightpath.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.FlagChange;
import io.flightpath.control.api.FlagService;
import io.flightpath.control.http.ControlHttpServer;
import io.flightpath.control.http.FlagHttpClient;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbFlagStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.core.AccountSid;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import io.flightpath.flags.Flag;
import io.flightpath.flags.Rollout;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Flags and their audit through the store and through the admin API, which must behave the same. */
@ExtendWith(SharedCluster.class)
class FlagsIT {
    static final String TOKEN = "internal-token-for-tests";
    static final Attribution ANA = new Attribution("ana", "first customers on the services path");
    static final AtomicInteger NAMES = new AtomicInteger();
    static Database db;
    static ServiceServer server;
    static MariaDbFlagStore store;
    static FlagHttpClient client;

    @BeforeAll
    static void start() {
        db = Database.open("control", TestDatabases.fresh("control", "flags"), List.of(MariaDbAccountStore.MIGRATIONS));
        Clock clock = Clock.systemUTC();
        store = new MariaDbFlagStore(db, clock);
        ControlHttpServer routes = new ControlHttpServer(new MariaDbAccountStore(db, clock), new MariaDbRoutingStore(db, clock),
                new MariaDbSplitRegistry(db, clock), store, new InternalAuth(TOKEN));
        server = ServiceServer.start("control", "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                1 << 20, ServiceServer.INTERNAL_ERRORS, routes::routes);
        client = new FlagHttpClient(new ServiceClient("control", server.uri(), TOKEN, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static Stream<FlagService> services() {
        return Stream.of(store, client);
    }

    static String name() {
        return "flag-" + NAMES.incrementAndGet();
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyChangeIsStoredAuditedAndBumpsTheVersionOnce(FlagService flags) {
        String name = name();
        String sid = AccountSid.random().value();
        long before = flags.version();

        Flag created = flags.create(name, "the new pipeline", List.of("old", "new"), "old", ANA);
        flags.set(name, sid, "new", ANA);
        flags.rollout(name, 10, "new", ANA);
        flags.rollout(name, 20, null, new Attribution("bo", "more"));
        flags.unset(name, sid, ANA);
        flags.kill(name, new Attribution("bo", "errors on the new path"));
        Flag last = flags.unkill(name, ANA);

        assertThat(created.variants()).containsExactly("old", "new");
        assertThat(last.rollout()).isEqualTo(new Rollout(20, "new"));
        assertThat(last.accounts()).isEmpty();
        assertThat(last.killed()).isFalse();
        assertThat(flags.find(name)).contains(last);
        assertThat(flags.version()).isEqualTo(before + 7);
        List<FlagChange> history = flags.history(name, 100);
        assertThat(history).extracting(FlagChange::action).containsExactly("unkill", "kill", "unset", "rollout", "rollout", "set", "create");
        assertThat(history).extracting(FlagChange::version).containsExactly(before + 7, before + 6, before + 5, before + 4, before + 3, before + 2, before + 1);
        FlagChange kill = history.get(1);
        assertThat(kill.by()).isEqualTo("bo");
        assertThat(kill.reason()).isEqualTo("errors on the new path");
        assertThat(kill.before().killed()).isFalse();
        assertThat(kill.after().killed()).isTrue();
        assertThat(kill.at()).isNotNull();
        assertThat(history.getLast().before()).isNull();
        assertThat(history.getLast().after()).isEqualTo(created);
        assertThat(history.get(5).after().accounts()).containsEntry(sid, "new");
        // each change's "before" is the previous change's "after": the history is complete
        for (int i = 0; i < history.size() - 1; i++) {
            assertThat(history.get(i).before()).isEqualTo(history.get(i + 1).after());
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void readsAndAcknowledgementsChangeNothingAndAuditNothing(FlagService flags) {
        String name = name();
        flags.create(name, "d", List.of(), "false", ANA);
        long version = flags.version();
        int audited = flags.history(null, 10_000).size();

        flags.list();
        flags.find(name);
        flags.history(name, 10);
        flags.changedSince(0);
        flags.acknowledge("node-" + name, version, java.time.Instant.now(), java.time.Instant.now().plusSeconds(5));
        flags.nodes();

        assertThat(flags.version()).isEqualTo(version);
        assertThat(flags.history(null, 10_000)).hasSize(audited);
        assertThat(flags.changedSince(version)).isEmpty();
        assertThat(flags.changedSince(version - 1)).hasValueSatisfying(s -> {
            assertThat(s.version()).isEqualTo(version);
            assertThat(s.flags()).containsKey(name);
        });
    }

    @ParameterizedTest
    @MethodSource("services")
    void badInputIsRefusedNamingTheFieldAndChangesAndAuditsNothing(FlagService flags) {
        String name = name();
        String killed = name();
        String sid = AccountSid.random().value();
        flags.create(name, "d", List.of("old", "new"), "old", ANA);
        flags.create(killed, "d", List.of(), "false", ANA);
        flags.kill(killed, ANA);
        long version = flags.version();
        int audited = flags.history(null, 10_000).size();

        refused(() -> flags.set("no-such-flag", sid, "new", ANA), "name");
        refused(() -> flags.rollout("no-such-flag", 10, null, ANA), "name");
        refused(() -> flags.set(name, sid, "newest", ANA), "value");
        refused(() -> flags.rollout(name, 10, "newest", ANA), "value");
        refused(() -> flags.rollout(name, 101, "new", ANA), "percent");
        refused(() -> flags.rollout(name, -0.5, "new", ANA), "percent");
        refused(() -> flags.set(name, "AC123", "new", ANA), "account");
        refused(() -> flags.set(name, "ac0123456789abcdef0123456789abcdef", "new", ANA), "account");
        refused(() -> flags.unset(name, sid, ANA), "account");
        refused(() -> flags.set(killed, sid, "true", ANA), "killed");
        refused(() -> flags.rollout(killed, 10, null, ANA), "killed");
        refused(() -> flags.kill(killed, ANA), "killed");
        refused(() -> flags.create("Bad Name", "d", List.of(), "false", ANA), "name");
        refused(() -> flags.create(name(), "d", List.of("a", "b"), "c", ANA), "default");
        refused(() -> flags.create("nodes", "d", List.of(), "false", ANA), "name");

        assertThat(flags.version()).isEqualTo(version);
        assertThat(flags.history(null, 10_000)).hasSize(audited);
        assertThat(flags.find(name).orElseThrow().accounts()).isEmpty();
        assertThat(flags.find(name).orElseThrow().rollout()).isNull();
    }

    @Test
    void theAdminApiAnswersBadInput400WithTheFieldNamed() throws Exception {
        String name = name();
        store.create(name, "d", List.of(), "false", ANA);
        long version = store.version();

        HttpResponse<String> percent = post("/v1/flags/" + name + "/rollout", "{\"percent\": 150, \"by\": \"ana\", \"reason\": \"r\"}");
        HttpResponse<String> unknown = post("/v1/flags/nope/set", "{\"account\": \"" + AccountSid.random() + "\", \"value\": \"true\", \"by\": \"ana\", \"reason\": \"r\"}");
        HttpResponse<String> noReason = post("/v1/flags/" + name + "/kill", "{\"by\": \"ana\"}");

        assertThat(percent.statusCode()).isEqualTo(400);
        assertThat(percent.body()).contains("INVALID_ARGUMENT").contains("percent");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("name");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(store.version()).isEqualTo(version);
    }

    @Test
    void aSecondFlagOfTheSameNameIsAConflict() {
        String name = name();
        store.create(name, "d", List.of(), "false", ANA);
        assertThatThrownBy(() -> client.create(name, "d", List.of(), "true", ANA))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(store.history(name, 10)).hasSize(1);
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri() + path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void refused(Runnable change, String field) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(FlightpathException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(field);
        });
    }
}
