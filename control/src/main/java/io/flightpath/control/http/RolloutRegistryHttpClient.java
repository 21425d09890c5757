package io.flightpath.control.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RolloutRecord.Phase;
import io.flightpath.control.api.RolloutRecord.State;
import io.flightpath.control.api.RolloutRegistry;
import io.flightpath.http.ServiceClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link RolloutRegistry} over HTTP, for the rollout runner in its own process. */
public final class RolloutRegistryHttpClient implements RolloutRegistry {
    private static final TypeReference<List<RolloutRecord>> RECORDS = new TypeReference<>() { };
    private final ServiceClient http;

    public RolloutRegistryHttpClient(ServiceClient http) {
        this.http = http;
    }

    @Override
    public RolloutRecord create() {
        return http.post("/v1/rollouts", Map.of(), RolloutRecord.class);
    }

    @Override
    public Optional<RolloutRecord> find(long id) {
        return ServiceClient.absentIfNotFound(() -> http.get("/v1/rollouts/" + id, Map.of(), RolloutRecord.class));
    }

    @Override
    public List<RolloutRecord> list(int limit) {
        return http.get("/v1/rollouts", Map.of("limit", Integer.toString(limit)), RECORDS);
    }

    @Override
    public RolloutRecord claim(long id, String owner, Duration stale) {
        return http.post("/v1/rollouts/" + id + "/claim", new RolloutRoutes.Claim(owner, stale), RolloutRecord.class);
    }

    @Override
    public RolloutRecord advance(long id, String owner, Phase nextPhase, State state, Map<String, String> outputs, String error) {
        return http.post("/v1/rollouts/" + id + "/advance", new RolloutRoutes.Advance(owner, nextPhase, state, outputs, error),
                RolloutRecord.class);
    }
}
