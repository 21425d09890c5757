package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.AccountCredentials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The aggregator's rule under concurrency: while every record of an account finishes and is
 * handed off from in-flight to post-flight, every listing shows each record exactly once.
 */
@ExtendWith(SharedCluster.class)
class NeverMissingIT {
    static final int RECORDS = 60;

    @Test
    void listingsDuringConcurrentHandoffsNeverMissOrRepeatARecord() throws Exception {
        try (RunningStack stack = new RunningStack(Map.of("handoff.batch", "7", "handoff.idle-wait", "10ms"))) {
            AccountCredentials account = stack.newAccount();
            ApiClient client = new ApiClient(stack.api(), account.accountSid().value(), account.authToken());
            String calls = "/2010-04-01/Accounts/" + account.accountSid() + "/Calls";
            List<String> created = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                created.add(client.post(calls + ".json", Map.of("To", "+14155550101", "From", "+14155550102", "Url", "https://example.com/twiml")).json().get("sid").asText());
            }

            int listings = 0;
            try (ExecutorService finishers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (String sid : created) {
                    done.add(finishers.submit(() -> {
                        for (String status : List.of("ringing", "in-progress", "completed")) {
                            String json = "[{\"sid\":\"" + sid + "\",\"status\":\"" + status + "\",\"at\":\"" + Instant.now() + "\"}]";
                            assertThat(ApiClient.events(stack.events(), RunningStack.TOKEN, json).status()).isEqualTo(204);
                        }
                    }));
                }
                while (done.stream().anyMatch(f -> !f.isDone()) || listings < 20) {
                    assertListsEveryRecordOnce(client, calls, created, 1000);
                    assertListsEveryRecordOnce(client, calls, created, 7);
                    listings++;
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            assertThat(listings).isGreaterThanOrEqualTo(20);
        }
    }

    private static void assertListsEveryRecordOnce(ApiClient client, String calls, List<String> created, int pageSize) {
        List<String> seen = new ArrayList<>();
        String next = calls + ".json?PageSize=" + pageSize;
        while (next != null) {
            JsonNode page = client.get(next).json();
            page.get("calls").forEach(c -> seen.add(c.get("sid").asText()));
            next = page.get("next_page_uri").isNull() ? null : page.get("next_page_uri").asText();
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }
}
