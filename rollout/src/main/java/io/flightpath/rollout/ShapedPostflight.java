package io.flightpath.rollout;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.UsageDay;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.postflight.api.ShardInventory;
import io.flightpath.postflight.api.ShardStats;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The post-flight service of a node in the legacy shape, by the node's shape: the legacy tables'
 * finished rows, then (SHARD_ROUTER) the shard router, whose shard0 is the same tables, keyed.
 * The routed store is asked for only once the node reached that shape (it opens the router).
 */
public final class ShapedPostflight implements PostflightService, ShardInventory {
    private final ShapeSwitch shape;
    private final PostflightService legacy;
    private final Supplier<PostflightService> routed;

    public ShapedPostflight(ShapeSwitch shape, PostflightService legacy, Supplier<PostflightService> routed) {
        this.shape = shape;
        this.legacy = legacy;
        this.routed = routed;
    }

    /** {@inheritDoc} None before the shard router: the legacy tables are no shard yet. */
    @Override
    public List<ShardStats> shardStats() {
        return now() instanceof ShardInventory inventory ? inventory.shardStats() : List.of();
    }

    private PostflightService now() {
        return shape.now().atLeast(RolloutShape.SHARD_ROUTER) ? routed.get() : legacy;
    }

    @Override
    public void insertCalls(List<Call> calls) {
        now().insertCalls(calls);
    }

    @Override
    public void insertMessages(List<Message> messages) {
        now().insertMessages(messages);
    }

    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        return now().call(account, sid);
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return now().message(account, sid);
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        return now().calls(query, page);
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        return now().messages(query, page);
    }

    @Override
    public Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at) {
        return now().priceCall(account, sid, price, priceUnit, at);
    }

    @Override
    public Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at) {
        return now().priceMessage(account, sid, price, priceUnit, at);
    }

    @Override
    public Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
        return now().redactMessage(account, sid, at);
    }

    @Override
    public boolean deleteCall(AccountSid account, CallSid sid) {
        return now().deleteCall(account, sid);
    }

    @Override
    public boolean deleteMessage(AccountSid account, MessageSid sid) {
        return now().deleteMessage(account, sid);
    }

    @Override
    public List<UsageDay> usage(AccountSid account, Instant from, Instant to) {
        return now().usage(account, from, to);
    }
}
