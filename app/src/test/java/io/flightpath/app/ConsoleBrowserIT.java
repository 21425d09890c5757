package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real headless Chromium against every service as `up` runs them: an account
 * signs in, lists, filters, pages and opens a record; an operator watches a real split move on a
 * page that updates itself. Skipped, saying what to install, without chromium and chromedriver.
 * {@code -Dconsole.screenshots=DIR} saves each page as a PNG (the README's pictures).
 */
@ExtendWith(SharedCluster.class)
class ConsoleBrowserIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String COOKIE = "flightpath_console";

    @TempDir
    Path home;

    @Test
    void anAccountSignsInFiltersPagesWithoutSkipOrRepeatAndOpensARecordWithItsTimeline() throws Exception {
        Optional<Browser> found = Browser.find();
        Assumptions.assumeTrue(found.isPresent(), Browser.MISSING);
        try (Browser browser = found.get(); RunningStack running = new RunningStack(Map.of())) {
            URI console = running.stack.uri(Service.CONSOLE);
            AccountCredentials account = running.newAccount();
            AccountCredentials other = running.newAccount();
            ApiClient api = new ApiClient(running.api(), account.accountSid().value(), account.authToken());
            String calls = "/2010-04-01/Accounts/" + account.accountSid() + "/Calls.json";
            for (int i = 0; i < 45; i++) {
                assertThat(api.post(calls, Map.of("To", i % 3 == 0 ? "+14155550103" : "+14155550100", "From", "+14155550199",
                        "Url", "https://example.com/twiml")).status()).isEqualTo(201);
            }
            api.post("/2010-04-01/Accounts/" + account.accountSid() + "/Messages.json", Map.of("To", "+14155550100", "From", "+14155550199", "Body", "hello"));
            String finished = api.get(calls + "?PageSize=1").json().path("calls").get(0).path("sid").asText();
            for (String status : List.of("ringing", "in-progress", "completed")) {
                assertThat(ApiClient.events(running.events(), RunningStack.TOKEN,
                        "{\"sid\":\"" + finished + "\",\"status\":\"" + status + "\",\"at\":\"" + Instant.now() + "\"}").status()).isEqualTo(204);
            }
            ApiClient otherApi = new ApiClient(running.api(), other.accountSid().value(), other.authToken());
            String othersCall = otherApi.post("/2010-04-01/Accounts/" + other.accountSid() + "/Calls.json",
                    Map.of("To", "+14155550100", "From", "+14155550199", "Url", "https://example.com/twiml")).json().path("sid").asText();

            // a wrong token is refused as the API refuses it, and says nothing of which part was wrong
            assertThat(post(console.resolve("/sign-in"), Map.of("AccountSid", account.accountSid().value(), "AuthToken", "wrong")).statusCode())
                    .isEqualTo(401);
            HttpResponse<String> signedIn = post(console.resolve("/sign-in"),
                    Map.of("AccountSid", account.accountSid().value(), "AuthToken", account.authToken()));
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(signedIn.headers().firstValue("Set-Cookie").orElseThrow())
                    .contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Max-Age=1800")
                    .doesNotContain(account.authToken());

            var driver = browser.driver;
            driver.get(console.resolve("/calls").toString());
            assertThat(driver.getCurrentUrl()).endsWith("/sign-in");
            browser.screenshot("sign-in");
            driver.findElement(By.id("AccountSid")).sendKeys(account.accountSid().value());
            driver.findElement(By.id("AuthToken")).sendKeys(account.authToken());
            driver.findElement(By.id("sign-in")).click();
            awaitUrl(driver, "/calls");
            assertThat(driver.getCurrentUrl()).doesNotContain(account.authToken());
            assertThat(driver.findElement(By.id("who")).getText()).isEqualTo(account.accountSid().value());
            browser.screenshot("calls");

            // every page by the "Next page" link: all 45 calls once each, newest first as the API lists them
            List<String> expected = new ArrayList<>();
            api.get(calls + "?PageSize=100").json().path("calls").forEach(c -> expected.add(c.path("sid").asText()));
            List<String> seen = new ArrayList<>();
            while (true) {
                driver.findElements(By.cssSelector("#records a.sid")).forEach(a -> seen.add(a.getText()));
                List<WebElement> next = driver.findElements(By.id("next"));
                if (next.isEmpty()) {
                    break;
                }
                String before = driver.getCurrentUrl();
                next.getFirst().click();
                await().atMost(Duration.ofSeconds(10)).until(() -> !driver.getCurrentUrl().equals(before));
            }
            assertThat(seen).hasSize(45).doesNotHaveDuplicates().isEqualTo(expected);

            driver.get(console.resolve("/calls").toString());
            driver.findElement(By.name("To")).sendKeys("+14155550103");
            driver.findElement(By.id("filter")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().contains("To=%2B14155550103"));
            List<String> tos = driver.findElements(By.cssSelector("#records tbody tr td:nth-child(2)")).stream().map(WebElement::getText).toList();
            assertThat(tos).hasSize(15).containsOnly("+14155550103");
            browser.screenshot("calls-filtered");

            driver.get(console.resolve("/calls/" + finished).toString());
            assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("completed");
            List<String> timeline = driver.findElements(By.cssSelector("#timeline li")).stream().map(WebElement::getText).toList();
            assertThat(timeline).hasSize(3);
            assertThat(timeline.get(0)).startsWith("queued").contains("in-flight");
            assertThat(timeline.get(1)).startsWith("in-progress").contains("in-flight");
            assertThat(timeline.get(2)).startsWith("completed").contains("post-flight");
            browser.screenshot("call");

            driver.get(console.resolve("/messages").toString());
            assertThat(driver.findElements(By.cssSelector("#records a.sid"))).hasSize(1);
            driver.get(console.resolve("/usage").toString());
            assertThat(driver.findElements(By.cssSelector("#usage-chart rect"))).hasSize(2 * 14);
            browser.screenshot("usage");

            // bad input, with the browser's own session: the API's answers, and nothing changes
            String session = driver.manage().getCookieNamed(COOKIE).getValue();
            assertThat(get(console.resolve("/calls/" + othersCall), session).statusCode()).isEqualTo(404);
            assertThat(get(console.resolve("/calls/CAnotasid"), session).statusCode()).isEqualTo(404);
            HttpResponse<String> malformed = get(console.resolve("/calls?" + URLEncoder.encode("StartTime>", StandardCharsets.UTF_8) + "=yesterday"), session);
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("StartTime&gt;");
            assertThat(get(console.resolve("/ops/shards"), session).statusCode()).as("an account is no operator").isEqualTo(303);
            assertThat(api.get(calls + "?PageSize=100").json().path("calls").size()).isEqualTo(45);
        }
    }

    @Test
    void anOperatorWatchesARealSplitAdvanceOnAPageThatUpdatesItself() throws Exception {
        Optional<Browser> found = Browser.find();
        Assumptions.assumeTrue(found.isPresent(), Browser.MISSING);
        LocalCluster cluster = new LocalCluster(home, line -> { });
        try (Browser browser = found.get()) {
            cluster.up("127.0.0.1", SharedCluster.freeBasePort(), 1);
            String token = LocalSecrets.internalToken(home);
            Settings settings = Settings.of(Map.of("api.listen", "127.0.0.1:0", "control.listen", "127.0.0.1:0",
                    "inflight.listen", "127.0.0.1:0", "postflight.listen", "127.0.0.1:0", "billing.listen", "127.0.0.1:0",
                    "console.listen", "127.0.0.1:0"));
            try (ServiceStack stack = ServiceStack.embedded(StoreAddresses.of(cluster, 8), settings, token, Clock.systemUTC())) {
                stack.flagService().create("services-path", "accounts served through the services", List.of(), "false",
                        new Attribution("ops", "the console's picture"));
                stack.flagService().rollout("services-path", 10, "true", new Attribution("ops", "first step"));
                URI console = stack.uri(Service.CONSOLE);
                var driver = browser.driver;
                driver.get(console.resolve("/ops/splits").toString());
                assertThat(driver.getCurrentUrl()).endsWith("/ops/sign-in");
                driver.findElement(By.id("Token")).sendKeys("wrong");
                driver.findElement(By.id("sign-in")).click();
                await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.id("problem")).isEmpty());
                assertThat(driver.findElement(By.id("problem")).getText()).contains("not the internal token");
                driver.findElement(By.id("Token")).sendKeys(token);
                driver.findElement(By.id("sign-in")).click();
                awaitUrl(driver, "/ops/shards");
                assertThat(driver.findElements(By.cssSelector("#write-map .segment"))).hasSize(1);

                // an account with a finished call on shard0, which the split below isolates on a shard of its own
                AccountCredentials big = stack.accounts().create("big");
                ApiClient bigApi = new ApiClient(stack.uri(Service.API), big.accountSid().value(), big.authToken());
                String call = bigApi.post("/2010-04-01/Accounts/" + big.accountSid() + "/Calls.json",
                        Map.of("To", "+14155550100", "From", "+14155550199", "Url", "https://example.com/twiml")).json().path("sid").asText();
                for (String status : List.of("ringing", "in-progress", "completed")) {
                    assertThat(ApiClient.events(stack.uri(Service.INFLIGHT), token,
                            "{\"sid\":\"" + call + "\",\"status\":\"" + status + "\",\"at\":\"" + Instant.now() + "\"}").status()).isEqualTo(204);
                }
                // the shards page counts the account on shard0 once the handoff moved the call there, without a reload
                By shard0Accounts = By.cssSelector("#live #shards tr[data-shard='shard0'] td.accounts");
                await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                        .until(() -> driver.findElements(shard0Accounts).stream().anyMatch(e -> e.getText().equals("1")));
                swapSafe(() -> assertThat(driver.findElement(By.cssSelector("#shards tr[data-shard='shard0'] td.tables")).getText())
                        .contains("calls").contains("messages"));

                driver.get(console.resolve("/ops/splits").toString());
                assertThat(driver.findElement(By.id("no-split")).isDisplayed()).isTrue();

                // a routing node that acknowledged the first maps and went silent: the split waits at MOVE_READS while its lease
                // holds, which keeps it running until the page has shown what it reports; then the lease ends
                RoutingService routing = stack.routingService();
                Instant acked = Instant.now();
                routing.acknowledge(new NodeAck("postflight-gone", 1, 1, routing.state().poolGeneration(), acked, acked.plusSeconds(50)));
                String[] split = {"split", "--home", home.toString(), "--control", stack.uri(Service.CONTROL).toString(), "--token", token,
                        "--source", "shard0", "--target", "shard1", "--account", big.accountSid().value()};
                CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.commandLine().execute(split));
                // the page is never reloaded here: what changes on it, the page fetched by itself
                Set<String> steps = new LinkedHashSet<>();
                // the page swaps its body in while it is read: an element read in that moment is gone, and read again at the next poll
                By finishedSteps = By.cssSelector("#live .live-split .step-times td:first-child");
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class).until(() -> {
                    driver.findElements(By.cssSelector("#live .workflow .step")).forEach(e -> steps.add(e.getText()));
                    return driver.findElements(finishedSteps).stream().map(WebElement::getText).toList().contains("VERIFY_COPY");
                });
                // what the split reported while it waits: each finished step's time, the lag it measured, its throttle
                swapSafe(() -> {
                    List<String> times = driver.findElements(By.cssSelector("#live .live-split .step-times td.took")).stream().map(WebElement::getText).toList();
                    assertThat(times).hasSize(3).allMatch(t -> t.matches("[0-9.]+ s"));
                    assertThat(driver.findElement(By.cssSelector("#live .live-split .lag")).getText()).matches("\\d+ s");
                    assertThat(driver.findElement(By.cssSelector("#live .live-split .throttle")).getText()).startsWith("nice ratio");
                    assertThat(driver.findElement(By.cssSelector("#live .live-split .reported")).getText()).endsWith("in MOVE_READS");
                });
                browser.screenshot("ops-split-running");
                routing.acknowledge(new NodeAck("postflight-gone", 1, 1, routing.state().poolGeneration(), acked, Instant.now()));

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class).until(() -> {
                    driver.findElements(By.cssSelector("#live .workflow .step")).forEach(e -> steps.add(e.getText()));
                    return run.isDone() && !driver.findElements(By.xpath("//table[@id='split-history']//td[text()='DONE']")).isEmpty();
                });
                assertThat(run.get()).as("the split command's exit status").isZero();
                assertThat(steps).as("steps the page showed while the split ran").isNotEmpty();
                List<Integer> order = steps.stream().map(s -> Integer.parseInt(s.substring(0, s.indexOf('/')))).toList();
                assertThat(order).as("steps in the order they ran").isSorted();
                System.out.println("the splits page showed, without a reload: " + steps + ", then DONE");
                browser.screenshot("ops-splits");

                // the account's key alone on shard1, labelled with its AccountSid on the map and in the table; its records went with it
                driver.get(console.resolve("/ops/shards").toString());
                swapSafe(() -> {
                    assertThat(driver.findElements(By.cssSelector("#write-map .segment"))).hasSize(3);
                    assertThat(driver.findElement(By.cssSelector("#write-map .label")).getText()).contains("isolated " + big.accountSid().value());
                    assertThat(driver.findElement(By.cssSelector("#shards tr[data-shard='shard1'] .isolated")).getText()).startsWith(big.accountSid().value());
                    assertThat(driver.findElement(By.cssSelector("#shards tr[data-shard='shard1'] td.accounts")).getText()).isEqualTo("1");
                    assertThat(driver.findElement(By.cssSelector("#shards tr[data-shard='shard0'] td.accounts")).getText()).isEqualTo("0");
                });
                browser.screenshot("ops-shards");
                driver.get(console.resolve("/ops/flags").toString());
                assertThat(driver.findElement(By.id("flags")).getText()).contains("services-path").contains("10 % → true");
                browser.screenshot("ops-flags");
                driver.get(console.resolve("/ops/rollout").toString());
                assertThat(driver.findElement(By.id("no-rollout")).isDisplayed()).isTrue();
                browser.screenshot("ops-rollout");
                // some reads of the public API, so that the traffic page has the API to draw beside the others
                AccountCredentials reader = stack.accounts().create("traffic");
                ApiClient api = new ApiClient(stack.uri(Service.API), reader.accountSid().value(), reader.authToken());
                java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
                Thread reads = Thread.ofVirtual().start(() -> {
                    while (reading.get()) {
                        api.get("/2010-04-01/Accounts/" + reader.accountSid() + "/Calls.json");
                        Thread.onSpinWait();
                    }
                });
                driver.get(console.resolve("/ops/traffic").toString());
                // three samples with the API's reads make two points of its line: the page has drawn them by itself
                By apiLine = By.xpath("//*[@id='live']//*[name()='polyline'][*[name()='title' and text()='api']]");
                await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                        .until(() -> driver.findElements(apiLine).stream().anyMatch(l -> l.getAttribute("points").split(" ").length >= 2));
                browser.screenshot("ops-traffic");
                reading.set(false);
                reads.join();
            }
        } finally {
            cluster.destroy();
        }
    }

    /** Assertions on a page that swaps its body in every second: an element read in that moment is gone, and read again. */
    private static void swapSafe(org.awaitility.core.ThrowingRunnable assertions) {
        await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class).untilAsserted(assertions);
    }

    private static void awaitUrl(org.openqa.selenium.WebDriver driver, String ending) {
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().endsWith(ending));
    }

    /** Signs in over plain HTTP and returns the session's value; the console answers 303 with the cookie. */
    static String signIn(URI console, String path, Map<String, String> form) throws Exception {
        HttpResponse<String> r = post(console.resolve(path), form);
        assertThat(r.statusCode()).as("sign-in at %s", path).isEqualTo(303);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(COOKIE.length() + 1, set.indexOf(';'));
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(ApiClient.enc(k)).append('=').append(ApiClient.enc(v)));
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI uri, String session) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Cookie", COOKIE + "=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
