package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.loadgen.LoadConfig;
import io.flightpath.loadgen.LoadGenerator;
import io.flightpath.loadgen.LoadReport;
import io.flightpath.loadgen.Progress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load generator against every service: records created, driven through their lifecycles
 * and handed off while readers list them; every one is found exactly once in its final status.
 */
@ExtendWith(SharedCluster.class)
class LoadIT {

    @Test
    void aShortRunLosesNothingDoublesNothingAndFailsNoRequest() {
        try (RunningStack stack = new RunningStack(Map.of())) {
            LoadConfig config = LoadConfig.builder(stack.api(), stack.events(), stack.stack.uri(Service.CONTROL), RunningStack.TOKEN)
                    .accounts(4)
                    .callsPerSecond(30)
                    .messagesPerSecond(30)
                    .duration(Duration.ofSeconds(4))
                    .verifyTimeout(Duration.ofSeconds(60))
                    .build();

            LoadReport report = LoadGenerator.create().run(config, Progress.silent());

            assertThat(report.records().callsCreated()).isGreaterThan(60);
            assertThat(report.records().messagesCreated()).isGreaterThan(60);
            assertThat(report.records().lost()).as(report.toJson()).isZero();
            assertThat(report.records().duplicated()).as(report.toJson()).isZero();
            assertThat(report.records().wrongStatus()).as(report.toJson()).isZero();
            assertThat(report.failedRequests()).as(report.toJson()).isZero();
            assertThat(report.passed()).isTrue();
        }
    }
}
