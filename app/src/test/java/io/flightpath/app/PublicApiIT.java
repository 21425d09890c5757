package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.AccountCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The public API end to end: every service in one process, real MariaDB stores, plain HTTP. */
@ExtendWith(SharedCluster.class)
class PublicApiIT {
    static RunningStack stack;
    static AccountCredentials alice;
    static AccountCredentials bob;
    static ApiClient asAlice;
    static ApiClient asBob;

    @BeforeAll
    static void start() {
        stack = new RunningStack(Map.of());
        alice = stack.newAccount();
        bob = stack.newAccount();
        asAlice = stack.client(alice);
        asBob = stack.client(bob);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static String calls(AccountCredentials a) {
        return "/2010-04-01/Accounts/" + a.accountSid() + "/Calls";
    }

    static String messages(AccountCredentials a) {
        return "/2010-04-01/Accounts/" + a.accountSid() + "/Messages";
    }

    static JsonNode createCall(ApiClient client, AccountCredentials a) {
        ApiClient.Reply r = client.post(calls(a) + ".json", Map.of("To", "+14155550100", "From", "+14155550199", "Url", "https://example.com/twiml"));
        assertThat(r.status()).as("create call: %s", r.json()).isEqualTo(201);
        return r.json();
    }

    static void event(String sid, String status) {
        String json = "[{\"sid\":\"" + sid + "\",\"status\":\"" + status + "\",\"at\":\"" + Instant.now() + "\"}]";
        ApiClient.Reply r = ApiClient.events(stack.events(), RunningStack.TOKEN, json);
        assertThat(r.status()).as("event %s %s: %s", sid, status, r.json()).isEqualTo(204);
    }

    static void complete(String callSid) {
        event(callSid, "ringing");
        event(callSid, "in-progress");
        event(callSid, "completed");
    }

    static void assertTwilioError(ApiClient.Reply r, int status, int code) {
        assertThat(r.status()).as("%s", r.json()).isEqualTo(status);
        assertThat(r.json().get("code").asInt()).isEqualTo(code);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("message").asText()).isNotBlank();
        assertThat(r.json().get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
    }

    @Test
    void aCreatedCallIsFetchedAndListedInTheTwilioShape() {
        JsonNode call = createCall(asAlice, alice);
        String sid = call.get("sid").asText();

        assertThat(sid).matches("CA[0-9a-f]{32}");
        assertThat(call.get("status").asText()).isEqualTo("queued");
        assertThat(call.get("account_sid").asText()).isEqualTo(alice.accountSid().value());
        assertThat(call.get("api_version").asText()).isEqualTo("2010-04-01");
        assertThat(call.get("direction").asText()).isEqualTo("outbound-api");
        assertThat(call.get("date_created").asText()).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(call.get("uri").asText()).isEqualTo(calls(alice) + "/" + sid + ".json");

        ApiClient.Reply fetched = asAlice.get(calls(alice) + "/" + sid + ".json");
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().get("sid").asText()).isEqualTo(sid);

        ApiClient.Reply list = asAlice.get(calls(alice) + ".json?PageSize=1000");
        assertThat(list.status()).isEqualTo(200);
        assertThat(sids(list.json().get("calls"))).contains(sid);
        assertThat(list.json().get("page_size").asInt()).isEqualTo(1000);
        assertThat(list.json().has("next_page_uri")).isTrue();
    }

    @Test
    void aCompletedCallIsHandedOffAndStaysVisibleWithItsDuration() {
        String sid = createCall(asAlice, alice).get("sid").asText();
        complete(sid);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiClient.Reply r = asAlice.get(calls(alice) + "/" + sid + ".json");
            assertThat(r.json().get("status").asText()).isEqualTo("completed");
            assertThat(r.json().get("duration").asText()).matches("\\d+");
            // deleting is allowed only once the call is post-flight: proves the handoff happened
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(asAlice.delete(calls(alice) + "/" + sid + ".json").status()).isEqualTo(204));
        assertTwilioError(asAlice.get(calls(alice) + "/" + sid + ".json"), 404, 20404);
    }

    @Test
    void anAccountNeverReachesAnotherAccountsRecords() {
        String sid = createCall(asAlice, alice).get("sid").asText();

        assertTwilioError(asBob.get(calls(alice) + "/" + sid + ".json"), 403, 20003);
        assertTwilioError(asBob.get(calls(bob) + "/" + sid + ".json"), 404, 20404);
        assertTwilioError(asBob.post(calls(bob) + "/" + sid + ".json", Map.of("Status", "canceled")), 404, 20404);
        assertTwilioError(asBob.delete(calls(bob) + "/" + sid + ".json"), 404, 20404);
        assertThat(sids(asBob.get(calls(bob) + ".json").json().get("calls"))).doesNotContain(sid);
        assertThat(asAlice.get(calls(alice) + "/" + sid + ".json").json().get("status").asText()).isEqualTo("queued");
    }

    @Test
    void missingOrWrongCredentialsAreRefused() {
        ApiClient anonymous = new ApiClient(stack.api(), null, null);
        ApiClient wrong = new ApiClient(stack.api(), alice.accountSid().value(), "not-the-token");

        ApiClient.Reply none = anonymous.get(calls(alice) + ".json");
        assertTwilioError(none, 401, 20003);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertTwilioError(wrong.get(calls(alice) + ".json"), 401, 20003);
    }

    @Test
    void badInputGetsATwilioErrorAndChangesNothing() {
        int before = sids(asAlice.get(calls(alice) + ".json?PageSize=1000").json().get("calls")).size();

        assertTwilioError(asAlice.post(calls(alice) + ".json", Map.of("From", "+1", "Url", "https://x")), 400, 21201);
        assertTwilioError(asAlice.post(calls(alice) + ".json", Map.of("To", "+1", "Url", "https://x")), 400, 21213);
        assertTwilioError(asAlice.post(calls(alice) + ".json", Map.of("To", "+1", "From", "+2")), 400, 21205);
        assertTwilioError(asAlice.postRaw(calls(alice) + ".json", "application/x-www-form-urlencoded", "To=%zz&From=%"), 400, 21200);
        assertTwilioError(asAlice.postRaw(calls(alice) + ".json", "application/json", "{\"To\":\"+1\"}"), 400, 21200);
        assertTwilioError(asAlice.post(calls(alice) + ".json", Map.of("To", "+1", "From", "+2", "Url", "x".repeat(100_000))), 413, 21200);
        assertTwilioError(asAlice.get(calls(alice) + ".json?PageSize=0"), 400, 21200);
        assertTwilioError(asAlice.get(calls(alice) + ".json?PageSize=1001"), 400, 21200);
        assertTwilioError(asAlice.get(calls(alice) + ".json?PageSize=ten"), 400, 21200);
        assertTwilioError(asAlice.get(calls(alice) + ".json?PageToken=garbage"), 400, 21200);
        assertTwilioError(asAlice.get(calls(alice) + ".json?StartTime=yesterday"), 400, 21200);
        assertTwilioError(asAlice.get(calls(alice) + ".json?Status=ringing-ish"), 400, 21200);
        assertTwilioError(asAlice.get(calls(alice) + "/CAnot-a-sid.json"), 404, 20404);
        assertTwilioError(asAlice.get(calls(alice) + "/CA00000000000000000000000000000000.json"), 404, 20404);
        assertTwilioError(asAlice.post(messages(alice) + ".json", Map.of("To", "+1", "From", "+2")), 400, 21602);
        assertTwilioError(asAlice.post(messages(alice) + ".json", Map.of("To", "+14155550101", "From", "+14155550102", "Body", "x".repeat(1601))), 400, 21617);

        assertThat(sids(asAlice.get(calls(alice) + ".json?PageSize=1000").json().get("calls"))).hasSize(before);
    }

    @Test
    void sqlLookingTextIsJustText() {
        String evil = "+1'; DROP TABLE messages; --";
        ApiClient.Reply r = asAlice.post(messages(alice) + ".json", Map.of("To", "+14155550101", "From", "+14155550102", "Body", evil));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("body").asText()).isEqualTo(evil);
        assertTwilioError(asAlice.post(calls(alice) + ".json", Map.of("To", evil, "From", "+14155550102", "Url", "https://x")), 400, 21211);
        ApiClient.Reply listed = asAlice.get(calls(alice) + ".json?To=" + ApiClient.enc(evil));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(sids(listed.json().get("calls"))).isEmpty();
        assertThat(asAlice.get(messages(alice) + "/" + r.json().get("sid").asText() + ".json").json().get("body").asText()).isEqualTo(evil);
    }

    @Test
    void anIllegalTransitionIsRefusedAndChangesNothing() {
        String sid = createCall(asAlice, alice).get("sid").asText();
        complete(sid);

        String json = "[{\"sid\":\"" + sid + "\",\"status\":\"ringing\",\"at\":\"" + Instant.now() + "\"}]";
        ApiClient.Reply refused = ApiClient.events(stack.events(), RunningStack.TOKEN, json);
        assertThat(refused.status()).isEqualTo(422);
        assertTwilioError(asAlice.post(calls(alice) + "/" + sid + ".json", Map.of("Status", "canceled")), 400, 21220);
        assertThat(asAlice.get(calls(alice) + "/" + sid + ".json").json().get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aQueuedCallCanBeCanceled() {
        String sid = createCall(asAlice, alice).get("sid").asText();

        ApiClient.Reply r = asAlice.post(calls(alice) + "/" + sid + ".json", Map.of("Status", "canceled"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("canceled");
    }

    @Test
    void pagesFollowNextPageUriWithoutGapOrRepeat() {
        AccountCredentials carol = stack.newAccount();
        ApiClient asCarol = stack.client(carol);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createCall(asCarol, carol).get("sid").asText());
        }
        complete(created.get(2)); // one of them may hand off mid-way: it must still be listed once

        List<String> seen = new ArrayList<>();
        String next = calls(carol) + ".json?PageSize=3";
        int pages = 0;
        while (next != null) {
            JsonNode page = asCarol.get(next).json();
            seen.addAll(sids(page.get("calls")));
            next = page.get("next_page_uri").isNull() ? null : page.get("next_page_uri").asText();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(seen).containsExactlyElementsOf(created.reversed());
    }

    @Test
    void aDeliveredMessageCanBeRedactedThenDeleted() {
        ApiClient.Reply created = asAlice.post(messages(alice) + ".json", Map.of("To", "+14155550100", "From", "+14155550199", "Body", "code 123456"));
        assertThat(created.status()).isEqualTo(201);
        String sid = created.json().get("sid").asText();
        assertThat(created.json().get("num_segments").asText()).isEqualTo("1");
        assertTwilioError(asAlice.post(messages(alice) + "/" + sid + ".json", Map.of("Body", "")), 400, 21220);

        event(sid, "sending");
        event(sid, "sent");
        event(sid, "delivered");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiClient.Reply redacted = asAlice.post(messages(alice) + "/" + sid + ".json", Map.of("Body", ""));
            assertThat(redacted.status()).as("%s", redacted.json()).isEqualTo(200);
            assertThat(redacted.json().get("body").asText()).isEmpty();
        });
        assertThat(asAlice.get(messages(alice) + "/" + sid + ".json").json().get("status").asText()).isEqualTo("delivered");
        assertThat(asAlice.delete(messages(alice) + "/" + sid + ".json").status()).isEqualTo(204);
        assertTwilioError(asAlice.get(messages(alice) + "/" + sid + ".json"), 404, 20404);
    }

    @Test
    void usageRecordsCountOnlyHandedOffRecords() {
        AccountCredentials dave = stack.newAccount();
        ApiClient asDave = stack.client(dave);
        String finished = createCall(asDave, dave).get("sid").asText();
        createCall(asDave, dave); // stays in flight: never billed
        complete(finished);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiClient.Reply r = asDave.get("/2010-04-01/Accounts/" + dave.accountSid() + "/Usage/Records.json?Category=calls");
            assertThat(r.status()).isEqualTo(200);
            JsonNode record = r.json().get("usage_records").get(0);
            assertThat(record.get("category").asText()).isEqualTo("calls");
            assertThat(record.get("count").asText()).isEqualTo("1");
            assertThat(record.get("usage_unit").asText()).isEqualTo("minutes");
        });
        assertTwilioError(asDave.get("/2010-04-01/Accounts/" + dave.accountSid() + "/Usage/Records.json?Category=nope"), 400, 21200);
        assertTwilioError(asDave.get("/2010-04-01/Accounts/" + dave.accountSid() + "/Usage/Records.json?StartDate=2025-13-01"), 400, 21200);
    }

    static List<String> sids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("sid").asText()));
        return out;
    }
}
