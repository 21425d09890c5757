package io.flightpath.control.api;

import io.flightpath.core.sharding.ShardMap;
import java.time.Duration;
import java.util.List;

/**
 * The post-flight routing kept in the control store: shards, versioned read and write maps with
 * their history, and the acknowledgements of the nodes that route by them. Implementations are
 * thread-safe.
 */
public interface RoutingService {

    /**
     * Registers the shards and, when no map exists yet, publishes version 1 of both maps with the
     * keyspace cut evenly over them. Idempotent: a known shard keeps its address.
     */
    RoutingState initialize(List<ShardAddress> shards);

    /** Adds or updates a shard's address; it routes nothing until a map names it. */
    void registerShard(ShardAddress shard);

    RoutingState state();

    /**
     * The state once its versions are not {@code known}: at once when they are not already, else
     * when a publication lands or {@code wait} has passed, whichever comes first (then the state
     * unchanged). This default holds nothing, so a node that follows the maps this way polls; an
     * implementation that is told of publications holds the call.
     */
    default RoutingState awaitChange(RoutingVersions known, Duration wait) {
        return state();
    }

    /**
     * Publishes new versions, compare-and-set: {@code read} and {@code write} (either may be null
     * for "unchanged") must be exactly one version above the current ones, else CONFLICT. With
     * {@code bumpPoolGeneration}, nodes recycle their shard connections. Every shard a map names
     * must be registered.
     */
    RoutingState publish(ShardMap read, ShardMap write, boolean bumpPoolGeneration, String note);

    void acknowledge(NodeAck ack);

    List<NodeAck> nodes();

    /** Earlier versions of a map kind ("read" or "write"), newest first. */
    List<ShardMap> history(String kind, int limit);
}
