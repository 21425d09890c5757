package io.flightpath.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flightpath.core.AccountSid;
import io.flightpath.core.UsageDay;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How post-flight's daily usage becomes usage records: the sums, the owed prices, the categories. */
class PostflightBillingTest {
    static final AccountSid ACCOUNT = AccountSid.random();
    static final LocalDate START = LocalDate.parse("2025-03-01");
    static final LocalDate END = LocalDate.parse("2025-03-31");
    static final Instant AS_OF = Instant.parse("2025-04-01T08:00:00Z");

    static final List<UsageDay> TWO_DAYS = List.of(
            new UsageDay(START, 3, 5, new BigDecimal("-0.02550"), 1, 2, new BigDecimal("-0.00790"), "USD"),
            new UsageDay(START.plusDays(9), 1, 2, new BigDecimal("-0.01700"), 4, 6, new BigDecimal("-0.03160"), "USD"));

    static List<UsageRecord> records(UsageCategory category, List<UsageDay> days) {
        return PostflightBilling.records(ACCOUNT, category, START, END, days, AS_OF);
    }

    @Test
    void everyDayIsSummedIntoOneRecordPerCategoryWithPricesAsAmountsOwed() {
        assertThat(records(null, TWO_DAYS)).containsExactly(
                new UsageRecord(ACCOUNT, UsageCategory.CALLS, START, END, 4, new BigDecimal("7"), new BigDecimal("0.04250"), "USD", AS_OF),
                new UsageRecord(ACCOUNT, UsageCategory.SMS, START, END, 5, new BigDecimal("8"), new BigDecimal("0.03950"), "USD", AS_OF),
                new UsageRecord(ACCOUNT, UsageCategory.TOTALPRICE, START, END, 0, new BigDecimal("0.08200"),
                        new BigDecimal("0.08200"), "USD", AS_OF));
    }

    @Test
    void aCategoryGetsItsOwnRecordOnly() {
        assertThat(records(UsageCategory.SMS, TWO_DAYS)).extracting(UsageRecord::category, UsageRecord::count)
                .containsExactly(tuple(UsageCategory.SMS, 5L));
        assertThat(records(UsageCategory.TOTALPRICE, TWO_DAYS)).extracting(UsageRecord::price)
                .containsExactly(new BigDecimal("0.08200"));
    }

    @Test
    void noUsageIsARecordOfZeroInDollarsForEveryCategory() {
        assertThat(records(null, List.of())).allSatisfy(r -> {
            assertThat(r.count()).isZero();
            assertThat(r.usage()).isZero();
            assertThat(r.price()).isZero();
            assertThat(r.priceUnit()).isEqualTo("USD");
        }).extracting(UsageRecord::category).containsExactly(UsageCategory.values());
    }

    @Test
    void theRecordsAreInTheCurrencyOfTheUsage() {
        List<UsageDay> inEuros = List.of(new UsageDay(START, 1, 1, new BigDecimal("-0.01000"), 0, 0, BigDecimal.ZERO, "EUR"));

        assertThat(records(null, inEuros)).extracting(UsageRecord::priceUnit).containsOnly("EUR");
    }
}
