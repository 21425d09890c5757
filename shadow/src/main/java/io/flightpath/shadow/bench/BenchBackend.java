package io.flightpath.shadow.bench;

import java.net.URI;

/** A service to bench: a stable instance, an experimental one beside it, and the path each request asks for. */
public record BenchBackend(String name, URI stable, URI experimental, String path) {
}
