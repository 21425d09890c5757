package io.flightpath.shadow.proxy;

import java.util.List;

/** Headers that belong to one connection (or that the HTTP client sets itself) and are never forwarded. */
final class HopByHop {
    private static final List<String> NAMES = List.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "te", "trailer", "upgrade", "host", "content-length", "expect", "http2-settings");

    private HopByHop() {
    }

    // compared in place: this runs for every header of every request and response, and lower-casing copies the name
    static boolean is(String name) {
        for (String n : NAMES) {
            if (n.length() == name.length() && n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
