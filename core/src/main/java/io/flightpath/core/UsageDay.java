package io.flightpath.core;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One account's post-flight usage on one UTC day (by date_created). Minutes are counted per call,
 * rounded up, as telephony is billed. Prices are sums of the records' prices (negative, as
 * Twilio's are), zero when none were priced yet.
 */
public record UsageDay(LocalDate day, long calls, long callMinutes, BigDecimal callPrice,
                       long messages, long messageSegments, BigDecimal messagePrice, String priceUnit) {
}
