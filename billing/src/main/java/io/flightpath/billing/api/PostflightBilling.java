package io.flightpath.billing.api;

import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.core.UsageDay;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Billing over the post-flight service's daily usage sums, so a record is billed once it is handed
 * off and never while in flight. Thread-safe.
 */
public final class PostflightBilling implements BillingService {
    private final PostflightService postflight;
    private final Clock clock;

    public PostflightBilling(PostflightService postflight, Clock clock) {
        this.postflight = postflight;
        this.clock = clock;
    }

    @Override
    public List<UsageRecord> usageRecords(AccountSid account, UsageCategory category, LocalDate start, LocalDate end) {
        if (start.isAfter(end)) {
            throw FlightpathException.invalid("StartDate %s is after EndDate %s", start, end);
        }
        Instant from = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return records(account, category, start, end, postflight.usage(account, from, to),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The usage records of {@code days} (the post-flight usage of [start, end]): one per category, or
     * only {@code category} when not null, each summed over every day, with prices as amounts owed.
     */
    static List<UsageRecord> records(AccountSid account, UsageCategory category, LocalDate start, LocalDate end,
                                     List<UsageDay> days, Instant asOf) {
        long calls = 0;
        long minutes = 0;
        long messages = 0;
        long segments = 0;
        BigDecimal callPrice = BigDecimal.ZERO;
        BigDecimal messagePrice = BigDecimal.ZERO;
        String unit = "USD";
        for (UsageDay d : days) {
            calls += d.calls();
            minutes += d.callMinutes();
            messages += d.messages();
            segments += d.messageSegments();
            callPrice = callPrice.add(d.callPrice());
            messagePrice = messagePrice.add(d.messagePrice());
            if (d.priceUnit() != null) {
                unit = d.priceUnit();
            }
        }
        // usage prices are what the account owes: positive, unlike the records' negative prices
        BigDecimal owedCalls = callPrice.abs();
        BigDecimal owedMessages = messagePrice.abs();
        List<UsageRecord> records = new ArrayList<>();
        for (UsageCategory c : UsageCategory.values()) {
            if (category != null && c != category) {
                continue;
            }
            records.add(switch (c) {
                case CALLS -> new UsageRecord(account, c, start, end, calls, BigDecimal.valueOf(minutes), owedCalls, unit, asOf);
                case SMS -> new UsageRecord(account, c, start, end, messages, BigDecimal.valueOf(segments), owedMessages, unit, asOf);
                case TOTALPRICE -> {
                    BigDecimal total = owedCalls.add(owedMessages);
                    yield new UsageRecord(account, c, start, end, 0, total, total, unit, asOf);
                }
            });
        }
        return records;
    }
}
