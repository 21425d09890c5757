package io.flightpath.app;

import io.flightpath.core.FlightpathException;

/** HOST:PORT where a server listens; port 0 picks a free one. */
record Listen(String host, int port) {
    static Listen parse(String key, String value) {
        int colon = value.lastIndexOf(':');
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (colon >= 1 && port >= 0 && port <= 65535) {
                return new Listen(value.substring(0, colon), port);
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // the message below says what was expected
        }
        throw FlightpathException.invalid("%s must be HOST:PORT, was '%s'", key, value);
    }
}
