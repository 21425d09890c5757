package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.FlagNodeStatus;
import io.flightpath.control.api.FlagService;
import io.flightpath.loadgen.LoadConfig;
import io.flightpath.loadgen.LoadReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The legacy shape with the services in front of its tables: the services-path account flag
 * moves accounts from the legacy path to the services path while the load runs, and no request
 * fails and no record is lost, doubled or left in a wrong status.
 */
@ExtendWith(SharedCluster.class)
class PathFlipIT {
    private static final Attribution BY = new Attribution("path-flip-test", "move accounts to the services path");
    private static final Pattern SERVED = Pattern.compile("(?m)^flightpath_http_requests_seconds_count\\{(.*)} (\\S+)$");
    private static final Pattern PATH = Pattern.compile("path=\"(legacy|services)\"");

    @Test
    void accountsMoveToTheServicesPathUnderLoadWithoutAFailedRequestOrALostRecord() throws Exception {
        try (RunningStack stack = RunningStack.legacy(Map.of())) {
            FlagService flags = stack.stack.flagService();
            flags.create(ServicesPathFlag.NAME, "serve the account through the services in front of the legacy tables",
                    List.of(), "false", BY);
            LoadConfig config = LoadConfig.builder(stack.api(), stack.events(), stack.stack.uri(Service.CONTROL), RunningStack.TOKEN)
                    .accounts(10)
                    .callsPerSecond(20)
                    .messagesPerSecond(20)
                    .duration(Duration.ofMinutes(5))
                    .verifyTimeout(Duration.ofSeconds(60))
                    .build();
            LoadReport report;
            try (BackgroundLoad load = new BackgroundLoad(config)) {
                load.awaitCreated(100);
                Map<String, Double> beforeFlip = served(stack);
                assertThat(beforeFlip).as("before any flip every account takes the legacy path").containsOnlyKeys("legacy");
                for (double percent : new double[] {10, 50, 100}) {
                    flags.rollout(ServicesPathFlag.NAME, percent, "true", BY);
                    awaitAcknowledged(flags, flags.version());
                    long created = load.created();
                    load.awaitCreated(created + 80);
                }
                Map<String, Double> atFull = served(stack);
                load.awaitCreated(load.created() + 80);
                Map<String, Double> after = served(stack);
                assertThat(after.getOrDefault("legacy", 0.0))
                        .as("at 100 %% no request takes the legacy path any more").isEqualTo(atFull.getOrDefault("legacy", 0.0));
                assertThat(after.get("services")).as("the services path serves the load").isGreaterThan(atFull.get("services"));
                report = load.stop();
            }
            assertThat(report.failedRequests()).as(report.toJson()).isZero();
            assertThat(report.records().lost()).as(report.toJson()).isZero();
            assertThat(report.records().duplicated()).as(report.toJson()).isZero();
            assertThat(report.records().wrongStatus()).as(report.toJson()).isZero();
            assertThat(report.passed()).isTrue();
        }
    }

    private static void awaitAcknowledged(FlagService flags, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<FlagNodeStatus> live = flags.nodes().nodes().stream().filter(FlagNodeStatus::live).toList();
            return !live.isEmpty() && live.stream().allMatch(n -> n.version() >= version);
        });
    }

    /** Public API requests served so far, by code path, from the API's own metrics. */
    private static Map<String, Double> served(RunningStack stack) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(stack.api() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Double> byPath = new HashMap<>();
            Matcher m = SERVED.matcher(metrics);
            while (m.find()) {
                Matcher path = PATH.matcher(m.group(1));
                if (m.group(1).contains("service=\"api\"") && path.find()) {
                    byPath.merge(path.group(1), Double.parseDouble(m.group(2)), Double::sum);
                }
            }
            return byPath;
        }
    }
}
