package io.flightpath.control.api;

import io.flightpath.core.AccountSid;
import java.time.Instant;

/** An account of the public API; {@code status} is Twilio's word ("active"). */
public record Account(AccountSid sid, String friendlyName, String status, Instant dateCreated, Instant dateUpdated) {
}
