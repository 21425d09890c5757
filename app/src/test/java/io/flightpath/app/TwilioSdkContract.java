package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.usage.Record;
import com.twilio.type.PhoneNumber;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.AccountCredentials;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Twilio's official Java helper library against Flightpath: its HTTP client is told to send every
 * request to the Flightpath server instead of Twilio's; everything else is the library as shipped.
 * Each shape of Flightpath (legacy, after) must pass the same tests: a subclass starts its stack.
 */
@ExtendWith(SharedCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwilioSdkContract {
    RunningStack stack;
    AccountCredentials account;
    TwilioRestClient twilio;

    /** The Flightpath shape under test, on the shared test cluster. */
    abstract RunningStack startStack();

    /** The library's own network client, with the scheme, host and port of each URL rewritten. */
    static final class RedirectingClient extends NetworkHttpClient {
        private final URI target;

        RedirectingClient(URI target) {
            this.target = target;
        }

        @Override
        public Response makeRequest(Request original) {
            try {
                URL url = new URL(original.getUrl());
                String rewritten = target.getScheme() + "://" + target.getAuthority() + url.getFile();
                Request copy = new Request(original.getMethod(), rewritten);
                original.getQueryParams().forEach((k, values) -> values.forEach(v -> copy.addQueryParam(k, v)));
                original.getPostParams().forEach((k, values) -> values.forEach(v -> copy.addPostParam(k, v)));
                original.getHeaderParams().forEach((k, values) -> values.forEach(v -> copy.addHeaderParam(k, v)));
                copy.setAuth(original.getUsername(), original.getPassword());
                return super.makeRequest(copy);
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    void start() {
        stack = startStack();
        account = stack.newAccount();
        twilio = new TwilioRestClient.Builder(account.accountSid().value(), account.authToken())
                .httpClient(new RedirectingClient(stack.api()))
                .build();
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    void event(String sid, String status) {
        String json = "[{\"sid\":\"" + sid + "\",\"status\":\"" + status + "\",\"at\":\"" + Instant.now() + "\"}]";
        assertThat(ApiClient.events(stack.events(), RunningStack.TOKEN, json).status()).isEqualTo(204);
    }

    @Test
    void callsAreCreatedFetchedListedAcrossPagesUpdatedAndDeleted() {
        Call created = Call.creator(new PhoneNumber("+14155550100"), new PhoneNumber("+14155550199"),
                URI.create("https://example.com/twiml")).create(twilio);

        assertThat(created.getSid()).startsWith("CA");
        assertThat(created.getStatus()).isEqualTo(Call.Status.QUEUED);
        assertThat(created.getAccountSid()).isEqualTo(account.accountSid().value());
        assertThat(created.getDateCreated()).isNotNull();
        assertThat(created.getDateUpdated()).isNotNull();
        assertThat(created.getApiVersion()).isEqualTo("2010-04-01");
        assertThat(created.getDirection()).isEqualTo("outbound-api");
        assertThat(created.getTo()).isEqualTo("+14155550100");
        assertThat(created.getFromFormatted()).isNotNull();
        assertThat(created.getPriceUnit()).isNotNull();
        assertThat(created.getUri()).endsWith(created.getSid() + ".json");
        assertThat(created.getSubresourceUris()).isNotEmpty();

        Call fetched = Call.fetcher(created.getSid()).fetch(twilio);
        assertThat(fetched.getSid()).isEqualTo(created.getSid());

        List<String> more = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            more.add(Call.creator(new PhoneNumber("+14155550100"), new PhoneNumber("+14155550199"),
                    URI.create("https://example.com/twiml")).create(twilio).getSid());
        }
        ResourceSet<Call> all = Call.reader().pageSize(2).read(twilio);
        List<String> listed = new ArrayList<>();
        all.forEach(c -> listed.add(c.getSid()));
        assertThat(listed).doesNotHaveDuplicates().containsAll(more).contains(created.getSid());

        Call canceled = Call.updater(more.get(0)).setStatus(Call.UpdateStatus.CANCELED).update(twilio);
        assertThat(canceled.getStatus()).isEqualTo(Call.Status.CANCELED);

        event(created.getSid(), "ringing");
        event(created.getSid(), "in-progress");
        event(created.getSid(), "completed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Call.deleter(created.getSid()).delete(twilio)).isTrue());
        assertThatThrownBy(() -> Call.fetcher(created.getSid()).fetch(twilio))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    assertThat(((ApiException) e).getCode()).isEqualTo(20404);
                    assertThat(((ApiException) e).getStatusCode()).isEqualTo(404);
                });
    }

    @Test
    void messagesAreCreatedListedRedactedAndDeleted() {
        Message created = Message.creator(new PhoneNumber("+14155550100"), new PhoneNumber("+14155550199"), "hello from the SDK")
                .create(twilio);

        assertThat(created.getSid()).startsWith("SM");
        assertThat(created.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(created.getBody()).isEqualTo("hello from the SDK");
        assertThat(created.getNumSegments()).isEqualTo("1");
        assertThat(created.getNumMedia()).isEqualTo("0");
        assertThat(created.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
        assertThat(created.getDateCreated()).isNotNull();
        assertThat(created.getFrom()).isEqualTo(new PhoneNumber("+14155550199"));
        assertThat(created.getSubresourceUris()).isNotEmpty();

        List<String> listed = new ArrayList<>();
        Message.reader().read(twilio).forEach(m -> listed.add(m.getSid()));
        assertThat(listed).contains(created.getSid());

        event(created.getSid(), "sending");
        event(created.getSid(), "sent");
        event(created.getSid(), "delivered");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Message redacted = Message.updater(created.getSid()).setBody("").update(twilio);
            assertThat(redacted.getBody()).isEmpty();
            assertThat(redacted.getStatus()).isEqualTo(Message.Status.DELIVERED);
            assertThat(redacted.getDateSent()).isNotNull();
        });
        assertThat(Message.deleter(created.getSid()).delete(twilio)).isTrue();
    }

    @Test
    void usageRecordsAreRead() {
        List<Record> records = new ArrayList<>();
        Record.reader().read(twilio).forEach(records::add);

        assertThat(records).extracting(Record::getCategory).contains("calls", "sms", "totalprice");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getAccountSid()).isEqualTo(account.accountSid().value());
            assertThat(r.getStartDate()).isNotNull();
            assertThat(r.getEndDate()).isNotNull();
            assertThat(r.getPrice()).isNotNull();
            assertThat(r.getUsage()).isNotNull();
            assertThat(r.getPriceUnit()).isNotNull();
        });
    }

    @Test
    void wrongCredentialsSurfaceAsTheLibrarysAuthenticationError() {
        TwilioRestClient wrong = new TwilioRestClient.Builder(account.accountSid().value(), "wrong-token")
                .httpClient(new RedirectingClient(stack.api()))
                .build();

        assertThatThrownBy(() -> Call.reader().read(wrong).iterator().hasNext())
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(20003));
    }
}
