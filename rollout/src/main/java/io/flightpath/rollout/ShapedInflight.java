package io.flightpath.rollout;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.api.InflightService;
import java.util.List;
import java.util.Optional;

/**
 * The in-flight service of a node in the legacy shape, by the node's shape: the legacy tables'
 * in-flight rows, then (DEDICATED_INFLIGHT) the dedicated database with the legacy rows draining,
 * then (SHARD_ROUTER, once no legacy in-flight row is left) the dedicated database alone.
 */
public final class ShapedInflight implements InflightService {
    private final ShapeSwitch shape;
    private final InflightService legacy;
    private final InflightService draining;
    private final InflightService dedicated;

    public ShapedInflight(ShapeSwitch shape, InflightService legacy, InflightService draining, InflightService dedicated) {
        this.shape = shape;
        this.legacy = legacy;
        this.draining = draining;
        this.dedicated = dedicated;
    }

    private InflightService now() {
        RolloutShape s = shape.now();
        return s.atLeast(RolloutShape.SHARD_ROUTER) ? dedicated : s.atLeast(RolloutShape.DEDICATED_INFLIGHT) ? draining : legacy;
    }

    @Override
    public Call createCall(NewCall call) {
        return now().createCall(call);
    }

    @Override
    public Message createMessage(NewMessage message) {
        return now().createMessage(message);
    }

    @Override
    public void apply(List<StatusEvent> events) {
        now().apply(events);
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
    public void handOffCall(AccountSid account, CallSid sid) {
        now().handOffCall(account, sid);
    }

    @Override
    public void handOffMessage(AccountSid account, MessageSid sid) {
        now().handOffMessage(account, sid);
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        return now().calls(query, page);
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        return now().messages(query, page);
    }
}
