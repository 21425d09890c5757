package io.flightpath.flags;

import dev.openfeature.sdk.Reason;

/** What a flag answered for one account, and why (in OpenFeature's words). */
public record Evaluation(String value, Reason reason) {
}
