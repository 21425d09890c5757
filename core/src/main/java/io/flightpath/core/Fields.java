package io.flightpath.core;

/** Checks for record components, failing with INVALID_ARGUMENT that names the field. */
final class Fields {

    private Fields() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw FlightpathException.invalid("%s is required", field);
        }
        return value;
    }

    /** Accepts null: absent counts are allowed where Twilio's can be null. */
    static <N extends Number> N notNegative(N value, String field) {
        if (value != null && value.longValue() < 0) {
            throw FlightpathException.invalid("%s must not be negative, got %s", field, value);
        }
        return value;
    }
}
