package io.flightpath.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrafficTest {
    @Test
    void requestsAndSecondsAreSummedPerServiceOverRoutesAndStatuses() {
        String page = """
                # TYPE flightpath_http_requests_seconds summary
                flightpath_http_requests_seconds_count{method="GET",path="-",route="/v1/routing",service="control",status="200"} 4
                flightpath_http_requests_seconds_sum{method="GET",path="-",route="/v1/routing",service="control",status="200"} 0.02
                flightpath_http_requests_seconds_count{method="GET",path="services",route="/x",service="api",status="200"} 10
                flightpath_http_requests_seconds_count{method="GET",path="services",route="/x",service="api",status="503"} 2
                flightpath_http_requests_seconds_sum{method="GET",path="services",route="/x",service="api",status="200"} 0.5
                flightpath_http_requests_seconds_max{method="GET",path="services",route="/x",service="api",status="200"} 0.3
                """;
        Map<String, double[]> services = new TreeMap<>();
        Traffic.add(page, services);
        assertThat(services).containsOnlyKeys("api", "control");
        assertThat(services.get("api")).containsExactly(12.0, 0.5);
        assertThat(services.get("control")).containsExactly(4.0, 0.02);
    }
}
