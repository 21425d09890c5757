package io.flightpath.shadow.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Replaces the values of secret headers (credentials, cookies) before anything is stored or shown. Immutable. */
public final class Redactor {
    static final String REDACTED = "[redacted]";
    private final Set<String> secret;

    public Redactor(Set<String> secretHeaders) {
        this.secret = secretHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) ->
                out.put(name, secret.contains(name.toLowerCase(Locale.ROOT)) ? List.of(REDACTED) : List.copyOf(values)));
        return out;
    }
}
