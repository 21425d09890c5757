package io.flightpath.control.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.FlagChange;
import io.flightpath.control.api.FlagNodes;
import io.flightpath.control.api.FlagService;
import io.flightpath.flags.Flag;
import io.flightpath.flags.FlagSnapshot;
import io.flightpath.http.ServiceClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link FlagService} over HTTP: for the CLI, and for nodes in other processes than the control
 * service. A control server without the long-poll route is polled instead (see {@link LongPoll}).
 */
public final class FlagHttpClient implements FlagService {
    private static final TypeReference<List<Flag>> FLAGS = new TypeReference<>() { };
    private static final TypeReference<List<FlagChange>> CHANGES = new TypeReference<>() { };
    private final ServiceClient http;
    private final LongPoll longPoll = new LongPoll("GET /v1/flags/snapshot/next");

    public FlagHttpClient(ServiceClient http) {
        this.http = http;
    }

    @Override
    public List<Flag> list() {
        return http.get("/v1/flags", Map.of(), FLAGS);
    }

    @Override
    public Optional<Flag> find(String name) {
        Flag.checkName(name);
        return ServiceClient.absentIfNotFound(() -> http.get("/v1/flags/" + name, Map.of(), Flag.class));
    }

    @Override
    public Flag create(String name, String description, List<String> variants, String defaultValue, Attribution by) {
        return http.post("/v1/flags", new FlagRoutes.NewFlag(name, description, variants, defaultValue, by.by(), by.reason()), Flag.class);
    }

    @Override
    public Flag set(String name, String account, String value, Attribution by) {
        return change(name, "set", new FlagRoutes.Change(account, value, null, by.by(), by.reason()));
    }

    @Override
    public Flag unset(String name, String account, Attribution by) {
        return change(name, "unset", new FlagRoutes.Change(account, null, null, by.by(), by.reason()));
    }

    @Override
    public Flag rollout(String name, double percent, String value, Attribution by) {
        return change(name, "rollout", new FlagRoutes.Change(null, value, percent, by.by(), by.reason()));
    }

    @Override
    public Flag kill(String name, Attribution by) {
        return change(name, "kill", new FlagRoutes.Change(null, null, null, by.by(), by.reason()));
    }

    @Override
    public Flag unkill(String name, Attribution by) {
        return change(name, "unkill", new FlagRoutes.Change(null, null, null, by.by(), by.reason()));
    }

    private Flag change(String name, String action, FlagRoutes.Change body) {
        // checked here too, so that a bad name cannot make another path of the admin API
        Flag.checkName(name);
        return http.post("/v1/flags/" + name + "/" + action, body, Flag.class);
    }

    @Override
    public List<FlagChange> history(String name, int limit) {
        Map<String, String> query = new HashMap<>();
        query.put("flag", name);
        query.put("limit", Integer.toString(limit));
        return http.get("/v1/flags/history", query, CHANGES);
    }

    @Override
    public long version() {
        return http.get("/v1/flags/version", Map.of(), FlagRoutes.Version.class).version();
    }

    @Override
    public Optional<FlagSnapshot> changedSince(long version) {
        return Optional.ofNullable(http.get("/v1/flags/snapshot", Map.of("since", Long.toString(version)), FlagSnapshot.class));
    }

    @Override
    public Optional<FlagSnapshot> awaitChange(long version, Duration wait) {
        return longPoll.ask(() -> Optional.ofNullable(http.get("/v1/flags/snapshot/next", Map.of("since", Long.toString(version),
                "wait", LongPoll.format(wait)), FlagSnapshot.class, wait)), () -> changedSince(version));
    }

    @Override
    public void acknowledge(String nodeId, long version, Instant at, Instant leaseUntil) {
        http.post("/v1/flags/nodes", new FlagRoutes.Ack(nodeId, version, at, leaseUntil), Void.class);
    }

    @Override
    public FlagNodes nodes() {
        return http.get("/v1/flags/nodes", Map.of(), FlagNodes.class);
    }
}
