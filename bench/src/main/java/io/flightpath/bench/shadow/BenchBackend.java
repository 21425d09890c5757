package io.flightpath.bench.shadow;

import java.net.URI;
import java.util.Map;

/**
 * A service to bench: a stable instance, an experimental one beside it, the path each request asks
 * for and the headers it carries (credentials, say).
 */
public record BenchBackend(String name, URI stable, URI experimental, String path, Map<String, String> headers) {

    public BenchBackend {
        headers = Map.copyOf(headers);
    }

    public BenchBackend(String name, URI stable, URI experimental, String path) {
        this(name, stable, experimental, path, Map.of());
    }
}
