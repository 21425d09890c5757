package io.flightpath.shadow.proxy;

import java.util.List;
import java.util.Map;

/** A client's request as Shadow forwards it: method, path, raw query (or null), headers as received, body. */
public record ProxiedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    /** The path with its query string, as sent upstream. */
    public String target() {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }
}
