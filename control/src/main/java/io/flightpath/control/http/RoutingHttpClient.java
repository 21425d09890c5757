package io.flightpath.control.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.RoutingVersions;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.http.ServiceClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@link RoutingService} over HTTP, for routing nodes and tools in other processes than the control
 * service. A control server without the long-poll route is polled instead (see {@link LongPoll}).
 */
public final class RoutingHttpClient implements RoutingService {
    private static final TypeReference<List<NodeAck>> NODES = new TypeReference<>() { };
    private static final TypeReference<List<ShardMap>> MAPS = new TypeReference<>() { };
    private final ServiceClient http;
    private final LongPoll longPoll = new LongPoll("GET /v1/routing/state");

    public RoutingHttpClient(ServiceClient http) {
        this.http = http;
    }

    @Override
    public RoutingState initialize(List<ShardAddress> shards) {
        return http.post("/v1/routing/initialize", shards, RoutingState.class);
    }

    @Override
    public void registerShard(ShardAddress shard) {
        http.post("/v1/routing/shards", shard, Void.class);
    }

    @Override
    public RoutingState state() {
        return http.get("/v1/routing", Map.of(), RoutingState.class);
    }

    @Override
    public RoutingState awaitChange(RoutingVersions known, Duration wait) {
        return longPoll.ask(() -> http.get("/v1/routing/state", Map.of("after-read", Integer.toString(known.read()),
                "after-write", Integer.toString(known.write()), "after-pool", Integer.toString(known.poolGeneration()),
                "wait", LongPoll.format(wait)), RoutingState.class, wait), this::state);
    }

    @Override
    public RoutingState publish(ShardMap read, ShardMap write, boolean bumpPoolGeneration, String note) {
        return http.post("/v1/routing/publish", new ControlHttpServer.Publication(read, write, bumpPoolGeneration, note), RoutingState.class);
    }

    @Override
    public void acknowledge(NodeAck ack) {
        http.post("/v1/routing/nodes", ack, Void.class);
    }

    @Override
    public List<NodeAck> nodes() {
        return http.get("/v1/routing/nodes", Map.of(), NODES);
    }

    @Override
    public List<ShardMap> history(String kind, int limit) {
        return http.get("/v1/routing/history/" + kind, Map.of("limit", Integer.toString(limit)), MAPS);
    }
}
