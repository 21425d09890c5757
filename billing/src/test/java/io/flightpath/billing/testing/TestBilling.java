package io.flightpath.billing.testing;

import io.flightpath.billing.api.BillingService;
import io.flightpath.billing.api.PostflightBilling;
import io.flightpath.postflight.TestPostflight;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Billing over a fresh post-flight shard on the shared test cluster, its clock stopped at {@link #NOW}. Close it when done. */
public record TestBilling(TestPostflight landed, BillingService billing) implements AutoCloseable {
    public static final Instant NOW = Instant.parse("2025-04-01T08:00:00Z");
    public static final LocalDate MARCH_1 = LocalDate.parse("2025-03-01");
    public static final Instant DAY_1 = MARCH_1.atStartOfDay(ZoneOffset.UTC).toInstant();

    public static TestBilling open(String prefix) {
        TestPostflight landed = TestPostflight.open(prefix);
        return new TestBilling(landed, new PostflightBilling(landed.store(), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Override
    public void close() {
        landed.close();
    }
}
