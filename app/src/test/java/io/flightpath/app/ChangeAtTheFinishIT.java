package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.AccountCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deletion or redaction sent the moment a record's final status is applied, while the relay is
 * still handing the record off, acts on it as on any finished record: never a 404 for a record
 * that exists. Each round races the request against the relay once.
 */
@ExtendWith(SharedCluster.class)
class ChangeAtTheFinishIT {
    static final int ROUNDS = 40;

    static RunningStack stack;
    static ApiClient client;
    static String account;

    @BeforeAll
    static void start() {
        stack = new RunningStack(Map.of());
        AccountCredentials credentials = stack.newAccount();
        account = "/2010-04-01/Accounts/" + credentials.accountSid();
        client = new ApiClient(stack.api(), credentials.accountSid().value(), credentials.authToken());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aCallDeletedTheMomentItCompletesIsDeleted() {
        for (int i = 0; i < ROUNDS; i++) {
            String call = create("/Calls", Map.of("To", "+14155550100", "From", "+14155550199", "Url", "https://example.com/twiml"));
            finish(call, "ringing", "in-progress", "completed");

            assertStatus(client.delete(call), 204);
            assertStatus(client.get(call), 404);
        }
    }

    @Test
    void aMessageRedactedOrDeletedTheMomentItIsDeliveredIsRedactedOrDeleted() {
        for (int i = 0; i < ROUNDS; i++) {
            String redacted = create("/Messages", Map.of("To", "+14155550100", "From", "+14155550199", "Body", "code 123456"));
            String deleted = create("/Messages", Map.of("To", "+14155550100", "From", "+14155550199", "Body", "code 654321"));
            finish(redacted, "sent", "delivered");

            ApiClient.Reply redaction = client.post(redacted, Map.of("Body", ""));
            assertStatus(redaction, 200);
            assertThat(redaction.json().get("body").asText()).isEmpty();
            assertThat(client.get(redacted).json().get("body").asText()).isEmpty();

            finish(deleted, "sent", "delivered");
            assertStatus(client.delete(deleted), 204);
            assertStatus(client.get(deleted), 404);
        }
    }

    /** Creates a record and returns its URL. */
    private static String create(String list, Map<String, String> form) {
        ApiClient.Reply created = client.post(account + list + ".json", form);
        assertStatus(created, 201);
        return account + list + "/" + created.json().get("sid").asText() + ".json";
    }

    /** Posts the statuses to the in-flight service, one event each, as the platform would. */
    private static void finish(String url, String... statuses) {
        String sid = url.substring(url.lastIndexOf('/') + 1, url.length() - ".json".length());
        for (String status : List.of(statuses)) {
            String json = "{\"sid\":\"" + sid + "\",\"status\":\"" + status + "\",\"at\":\"" + Instant.now() + "\"}";
            assertStatus(ApiClient.events(stack.events(), RunningStack.TOKEN, json), 204);
        }
    }

    private static void assertStatus(ApiClient.Reply reply, int status) {
        assertThat(reply.status()).as("%s", reply.json()).isEqualTo(status);
    }
}
