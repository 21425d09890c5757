package io.flightpath.shadow.diff;

import java.util.List;
import java.util.Map;

/** A complete HTTP response as compared: status, headers (looked up ignoring case), body bytes. */
public record Response(int status, Map<String, List<String>> headers, byte[] body) {

    /** The header's values joined by ", ", or null when it is absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        if (values == null) {
            values = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return values == null ? null : String.join(", ", values);
    }
}
