package io.flightpath.control.api;

import io.flightpath.core.FlightpathException;

/** Who makes a flag change and why: both required, both kept in the audit row. */
public record Attribution(String by, String reason) {
    public Attribution {
        if (by == null || by.isBlank() || by.length() > 128) {
            throw FlightpathException.invalid("by must name the operator (1 to 128 characters)");
        }
        if (reason == null || reason.isBlank() || reason.length() > 1024) {
            throw FlightpathException.invalid("reason must say why (1 to 1024 characters)");
        }
        by = by.strip();
        reason = reason.strip();
    }
}
