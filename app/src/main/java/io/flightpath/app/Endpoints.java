package io.flightpath.app;

import io.flightpath.control.api.AccountCredentials;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a running `flightpath up` can be reached, and its demo account: written to the cluster
 * folder so that other commands on this machine (load, accounts) find it without flags.
 */
record Endpoints(URI api, URI control, URI events, URI postflight, URI billing, URI shadow, URI console, AccountCredentials demo) {
    /** Shadow's report: in the legacy shape only (null otherwise). */
    static final String FILE = "endpoints.json";

    void write(Path home) {
        try {
            PrivateFiles.write(home.resolve(FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw FlightpathException.internal("cannot write %s: %s", home.resolve(FILE), e.getMessage());
        }
    }

    static Optional<Endpoints> read(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), Endpoints.class));
        } catch (IOException e) {
            throw FlightpathException.internal("cannot read %s: %s", file, e.getMessage());
        }
    }

    static void remove(Path home) {
        try {
            Files.deleteIfExists(home.resolve(FILE));
        } catch (IOException e) {
            throw FlightpathException.internal("cannot remove %s: %s", home.resolve(FILE), e.getMessage());
        }
    }
}
