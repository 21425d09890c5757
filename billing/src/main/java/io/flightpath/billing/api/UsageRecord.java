package io.flightpath.billing.api;

import io.flightpath.core.AccountSid;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One account's use of one category over [startDate, endDate] (UTC days, both inclusive), as Twilio's Usage Records show it. */
public record UsageRecord(AccountSid accountSid, UsageCategory category, LocalDate startDate, LocalDate endDate,
                          long count, BigDecimal usage, BigDecimal price, String priceUnit, Instant asOf) {
}
