package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.http.ControlHttpClient;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.store.testing.TestDatabases;
import io.flightpath.http.ServiceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each service started on its own, as `flightpath serve NAME` does, reaching the others only
 * over HTTP at the URLs its settings give: the same code as the embedded default, wired apart.
 */
@ExtendWith(SharedCluster.class)
class SeparateProcessesWiringIT {

    static String address(DatabaseConfig db) {
        return db.host() + ":" + db.port() + "/" + db.database();
    }

    @Test
    void aCallLivesItsWholeLifeAcrossServicesThatOnlyTalkHttp() throws Exception {
        DatabaseConfig control = TestDatabases.fresh("control", "control");
        Map<String, String> values = new HashMap<>(Map.of(
                "internal.token", RunningStack.TOKEN,
                "db.user", control.user(),
                "db.password", control.password(),
                "control.db", address(control),
                "inflight.db", address(TestDatabases.fresh("inflight", "inflight")),
                "postflight.shards", "shard0=" + address(TestDatabases.fresh("shard0", "records")),
                "handoff.idle-wait", "50ms"));
        for (String s : List.of("api", "control", "inflight", "postflight", "billing", "console")) {
            values.put(s + ".listen", "127.0.0.1:0");
        }
        List<ServiceStack> running = new ArrayList<>();
        try {
            Settings settings = Settings.of(values);
            for (Service service : List.of(Service.CONTROL, Service.POSTFLIGHT, Service.INFLIGHT, Service.BILLING, Service.API, Service.CONSOLE)) {
                ServiceStack one = ServiceStack.single(service, settings, Clock.systemUTC());
                running.add(one);
                if (Keys.URL.containsKey(service)) { // the console reaches the public API through api.url
                    settings = settings.with(Keys.URL.get(service).key(), one.uri(service).toString());
                }
            }
            ServiceStack control0 = running.get(0);
            ServiceStack inflight = running.get(2);
            ServiceStack api = running.get(4);
            AccountCredentials account = new ControlHttpClient(new ServiceClient("control", control0.uri(Service.CONTROL),
                    RunningStack.TOKEN, Duration.ofSeconds(5))).create("remote");
            ApiClient client = new ApiClient(api.uri(Service.API), account.accountSid().value(), account.authToken());
            String calls = "/2010-04-01/Accounts/" + account.accountSid() + "/Calls";

            JsonNode call = client.post(calls + ".json", Map.of("To", "+14155550101", "From", "+14155550102", "Url", "https://example.com/twiml")).json();
            String sid = call.get("sid").asText();
            for (String status : List.of("ringing", "in-progress", "completed")) {
                String json = "[{\"sid\":\"" + sid + "\",\"status\":\"" + status + "\",\"at\":\"" + Instant.now() + "\"}]";
                assertThat(ApiClient.events(inflight.uri(Service.INFLIGHT), RunningStack.TOKEN, json).status()).isEqualTo(204);
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode usage = client.get("/2010-04-01/Accounts/" + account.accountSid() + "/Usage/Records.json?Category=calls").json();
                assertThat(usage.get("usage_records").get(0).get("count").asText()).isEqualTo("1");
            });
            assertThat(client.get(calls + "/" + sid + ".json").json().get("status").asText()).isEqualTo("completed");
            // the console on its own reads the account through the public API and the maps through the admin API
            java.net.URI console = running.get(5).uri(Service.CONSOLE);
            String cookie = ConsoleBrowserIT.signIn(console, "/sign-in", Map.of("AccountSid", account.accountSid().value(), "AuthToken", account.authToken()));
            assertThat(ConsoleBrowserIT.get(console.resolve("/calls/" + sid), cookie).body()).contains("completed").contains("post-flight");
            String operator = ConsoleBrowserIT.signIn(console, "/ops/sign-in", Map.of("Token", RunningStack.TOKEN));
            assertThat(ConsoleBrowserIT.get(console.resolve("/ops/shards"), operator).body()).contains("shard0").contains("read map");
            assertThat(client.delete(calls + "/" + sid + ".json").status()).isEqualTo(204);
        } finally {
            running.reversed().forEach(ServiceStack::close);
        }
    }
}
