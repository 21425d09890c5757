package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.AccountCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The benches' stacks (`bench shadow`, `bench console`) start on databases of their own names and serve the API. */
@ExtendWith(SharedCluster.class)
class EmbeddedStackIT {
    @Test
    void twoStacksOnPrefixedDatabasesEachServeTheirOwnAccounts() throws Exception {
        try (EmbeddedStack one = EmbeddedStack.start(SharedCluster.cluster(), "embedded_it_one", "embedded-it-token-one");
             EmbeddedStack two = EmbeddedStack.start(SharedCluster.cluster(), "embedded_it_two", "embedded-it-token-two");
             HttpClient http = HttpClient.newHttpClient()) {
            AccountCredentials account = one.createAccount("bench account");

            assertThat(calls(http, one.api(), account)).isEqualTo(200);
            // the other stack has its own control database: the account is not there
            assertThat(calls(http, two.api(), account)).isEqualTo(401);
        }
    }

    private static int calls(HttpClient http, URI api, AccountCredentials account) throws Exception {
        String auth = Base64.getEncoder().encodeToString((account.accountSid() + ":" + account.authToken()).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(api.resolve("/2010-04-01/Accounts/" + account.accountSid() + "/Calls.json"))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
