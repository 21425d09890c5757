package io.flightpath.control.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flightpath.control.api.SplitLive;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.State;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.http.ServiceClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SplitRegistry} over HTTP, for the split runner in its own process. */
public final class SplitRegistryHttpClient implements SplitRegistry {
    private static final TypeReference<List<SplitRecord>> RECORDS = new TypeReference<>() { };
    private final ServiceClient http;

    public SplitRegistryHttpClient(ServiceClient http) {
        this.http = http;
    }

    @Override
    public SplitRecord create(String source, String target, KeyRange range) {
        return http.post("/v1/splits", new ControlHttpServer.NewSplit(source, target, range), SplitRecord.class);
    }

    @Override
    public Optional<SplitRecord> find(long id) {
        return ServiceClient.absentIfNotFound(() -> http.get("/v1/splits/" + id, Map.of(), SplitRecord.class));
    }

    @Override
    public List<SplitRecord> list(int limit) {
        return http.get("/v1/splits", Map.of("limit", Integer.toString(limit)), RECORDS);
    }

    @Override
    public SplitRecord claim(long id, String owner, Duration stale) {
        return http.post("/v1/splits/" + id + "/claim", new ControlHttpServer.Claim(owner, stale), SplitRecord.class);
    }

    @Override
    public SplitRecord advance(long id, String owner, Step nextStep, State state, Map<String, String> outputs, String error) {
        return http.post("/v1/splits/" + id + "/advance",
                new ControlHttpServer.Advance(owner, nextStep, state, outputs, error), SplitRecord.class);
    }

    @Override
    public void report(long id, SplitLive live) {
        http.post("/v1/splits/" + id + "/live", live, Void.class);
    }

    @Override
    public Optional<SplitLive> live(long id) {
        return ServiceClient.absentIfNotFound(() -> http.get("/v1/splits/" + id + "/live", Map.of(), SplitLive.class));
    }
}
