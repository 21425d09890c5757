package io.flightpath.bench;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Finished calls for benchmark traffic. SIDs come from the caller's random generator rather than
 * {@link CallSid#random()}'s SecureRandom, so that generating them costs the clients next to nothing.
 */
final class BenchCalls {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigDecimal PRICE = new BigDecimal("-0.01700");

    private BenchCalls() {
    }

    static Call finished(AccountSid account, RandomGenerator random) {
        // whole microseconds, as the shards keep them: the baseline binds exactly what the store would
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CallSid sid = CallSid.parse("CA" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong()));
        return new Call(sid, account, null, "+14155550100", "+14155550199", null, null, null, CallStatus.COMPLETED,
                Direction.OUTBOUND_API, null, null, null, t.minusSeconds(30), t, 30, PRICE, "USD", null, null, null, t, t);
    }
}
