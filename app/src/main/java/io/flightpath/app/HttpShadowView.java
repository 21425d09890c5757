package io.flightpath.app;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flightpath.http.ServiceClient;
import io.flightpath.rollout.ShadowView;
import io.flightpath.shadow.report.EndpointView;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Shadow's report read from its admin API, as the rollout's gate reads it. */
final class HttpShadowView implements ShadowView {
    private static final TypeReference<List<EndpointView>> ENDPOINTS = new TypeReference<>() { };
    private final URI admin;
    private final ServiceClient http;

    HttpShadowView(URI admin) {
        this.admin = admin;
        this.http = new ServiceClient("shadow", admin, "", Duration.ofSeconds(10));
    }

    @Override
    public URI link() {
        return admin;
    }

    @Override
    public List<EndpointView> endpoints() {
        return http.get("/api/endpoints", Map.of(), ENDPOINTS);
    }
}
