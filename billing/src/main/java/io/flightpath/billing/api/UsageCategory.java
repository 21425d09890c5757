package io.flightpath.billing.api;

import io.flightpath.core.FlightpathException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The usage categories billing reports, with Twilio's category words and units. */
public enum UsageCategory {
    CALLS("calls", "Voice Minutes", "calls", "minutes"),
    SMS("sms", "SMS", "messages", "segments"),
    TOTALPRICE("totalprice", "Total Price", "", "");

    private final String wire;
    private final String description;
    private final String countUnit;
    private final String usageUnit;

    UsageCategory(String wire, String description, String countUnit, String usageUnit) {
        this.wire = wire;
        this.description = description;
        this.countUnit = countUnit;
        this.usageUnit = usageUnit;
    }

    public String wire() {
        return wire;
    }

    public String description() {
        return description;
    }

    public String countUnit() {
        return countUnit;
    }

    /** The unit of usage; for total price it is the price's currency. */
    public String usageUnit(String priceUnit) {
        return this == TOTALPRICE ? priceUnit.toLowerCase(java.util.Locale.ROOT) : usageUnit;
    }

    /** The category of Twilio's word for it; INVALID_ARGUMENT naming the known words for any other. */
    public static UsageCategory fromWire(String word) {
        for (UsageCategory c : values()) {
            if (c.wire.equals(word)) {
                return c;
            }
        }
        throw FlightpathException.invalid("Category must be one of %s, was '%s'",
                Arrays.stream(values()).map(UsageCategory::wire).collect(Collectors.joining(", ")), word);
    }
}
