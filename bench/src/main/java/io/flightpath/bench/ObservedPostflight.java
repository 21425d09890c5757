package io.flightpath.bench;

import io.flightpath.core.Call;
import io.flightpath.postflight.api.ForwardingPostflightService;
import io.flightpath.postflight.api.PostflightService;
import java.util.List;

/** A post-flight service that tells the handoff lag when its inserts of calls have committed; all else passes through. */
final class ObservedPostflight extends ForwardingPostflightService {
    private final PostflightService store;
    private final HandoffLag lag;

    ObservedPostflight(PostflightService store, HandoffLag lag) {
        this.store = store;
        this.lag = lag;
    }

    @Override
    protected PostflightService delegate() {
        return store;
    }

    @Override
    public void insertCalls(List<Call> calls) {
        store.insertCalls(calls);
        lag.landed(calls);
    }
}
