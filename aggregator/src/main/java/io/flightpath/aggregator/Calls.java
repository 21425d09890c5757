package io.flightpath.aggregator;

import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.NewCall;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.postflight.api.PostflightService;
import java.time.Clock;
import java.util.Optional;

/** An account's calls for the public API: created in flight, read from both stores, ended while in flight, deleted once finished. Thread-safe. */
public final class Calls extends Records<Call, CallSid, CallStatus> {
    private final RecordReads reads;

    public Calls(RecordReads reads, InflightService inflight, PostflightService postflight, Clock clock) {
        super(new Kind<>("call", Call::accountSid, Call::sid, Call::status, StatusEvent::of),
                new Stores<>(reads::call, postflight::deleteCall, inflight::handOffCall), inflight, clock);
        this.reads = reads;
    }

    public Call create(NewCall call) {
        return inflight.createCall(call);
    }

    public Page<Call> list(CallQuery query, PageRequest page) {
        return reads.calls(query, page);
    }

    /**
     * Ends a call in flight as the client asked and returns it as it then reads, empty when it is
     * gone; FAILED_PRECONDITION once it has finished, or when a call in its status may not make
     * that move (canceling a call in progress).
     */
    public Optional<Call> end(Call call, CallEnding asked) {
        return move(call, asked.statusFrom(call.status()), "changed");
    }
}
