package io.flightpath.postflight.http;

import java.math.BigDecimal;
import java.time.Instant;

/** The body of a price request: the rated price, its currency and when it was set. */
record PriceBody(BigDecimal price, String priceUnit, Instant at) {
}
