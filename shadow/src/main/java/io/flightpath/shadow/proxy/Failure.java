package io.flightpath.shadow.proxy;

import java.util.Locale;

/** Why an upstream call gave no response to compare. */
public record Failure(Kind kind, String message) {

    public enum Kind {
        TIMEOUT, CONNECTION, TOO_LARGE, REFUSED_REQUEST
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ": " + message;
    }
}
