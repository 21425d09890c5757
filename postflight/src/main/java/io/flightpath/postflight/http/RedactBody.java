package io.flightpath.postflight.http;

import java.time.Instant;

/** The body of a redaction request: when the body was removed. */
record RedactBody(Instant at) {
}
