package io.flightpath.billing.api;

import io.flightpath.core.AccountSid;
import java.time.LocalDate;
import java.util.List;

/** Usage records for billing, computed from post-flight records only. Implementations are thread-safe. */
public interface BillingService {

    /**
     * One record per category (or only {@code category} when not null) over the UTC days from
     * {@code start} to {@code end}, both inclusive. INVALID_ARGUMENT when start is after end.
     */
    List<UsageRecord> usageRecords(AccountSid account, UsageCategory category, LocalDate start, LocalDate end);
}
