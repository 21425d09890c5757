package io.flightpath.postflight;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import java.math.BigDecimal;
import java.time.Instant;

/** A finished call for tests: answered 5 s after creation, 61 s long, unpriced; change what a test needs. */
public final class CallSample {
    private final AccountSid account;
    private final Instant created;
    private CallSid sid = CallSid.random();
    private CallSid parent;
    private String to = "+14155550100";
    private String from = "+14155550199";
    private CallStatus status = CallStatus.COMPLETED;
    private Instant start;
    private Instant end;
    private Integer duration = 61;
    private BigDecimal price;

    private CallSample(AccountSid account, Instant created) {
        this.account = account;
        this.created = created;
        this.start = created.plusSeconds(5);
        this.end = start.plusSeconds(61);
    }

    public static CallSample call(AccountSid account, Instant created) {
        return new CallSample(account, created);
    }

    public CallSample sid(CallSid value) {
        sid = value;
        return this;
    }

    public CallSample to(String value) {
        to = value;
        return this;
    }

    public CallSample from(String value) {
        from = value;
        return this;
    }

    public CallSample parent(CallSid value) {
        parent = value;
        return this;
    }

    public CallSample status(CallStatus value) {
        status = value;
        return this;
    }

    /** Never answered: no start time and 0 s, as Call.withStatus leaves an unanswered call. */
    public CallSample unanswered() {
        start = null;
        duration = 0;
        return this;
    }

    public CallSample duration(int seconds) {
        duration = seconds;
        return this;
    }

    public CallSample price(String value) {
        price = new BigDecimal(value);
        return this;
    }

    public Call build() {
        return new Call(sid, account, parent, to, from, null, null, null, status, Direction.OUTBOUND_API, null, null,
                null, start, end, duration, price, "USD", 120L, null, null, created, end);
    }
}
