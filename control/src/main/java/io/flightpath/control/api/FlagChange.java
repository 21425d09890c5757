package io.flightpath.control.api;

import io.flightpath.flags.Flag;
import java.time.Instant;

/**
 * One audit row: the flags version the change made, the flag, what was done, who did it and why,
 * the rule before ({@code null} for a new flag) and after, and when.
 */
public record FlagChange(long version, String flag, String action, String by, String reason, Flag before, Flag after, Instant at) {
}
