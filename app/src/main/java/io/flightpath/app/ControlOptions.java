package io.flightpath.app;

import io.flightpath.control.api.RoutingService;
import io.flightpath.control.http.RoutingHttpClient;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.ServiceClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How a command reaches the control service: given URL and token, or those of the Flightpath that
 * `up` runs from this cluster folder.
 */
final class ControlOptions {
    @Option(names = "--control", paramLabel = "URL", defaultValue = "${env:FLIGHTPATH_CONTROL_URL}",
            description = "The control service (admin API); default: the one `flightpath up` runs.")
    URI control;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:FLIGHTPATH_INTERNAL_TOKEN}",
            description = "Internal token; default: the local installation's.")
    String token;

    URI control(Path home) {
        if (control != null) {
            return control;
        }
        return Endpoints.read(home).map(Endpoints::control).orElseThrow(() -> FlightpathException.failedPrecondition(
                "no running Flightpath found in %s: start it with `./flightpath up` or name the control service with --control", home));
    }

    String token(Path home) {
        return token != null ? token : LocalSecrets.internalToken(home);
    }

    ServiceClient client(Path home, Duration timeout) {
        return new ServiceClient("control", control(home), token(home), timeout);
    }

    RoutingService routing(Path home) {
        return new RoutingHttpClient(client(home, Duration.ofSeconds(10)));
    }
}
