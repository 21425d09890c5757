package io.flightpath.loadgen;

import io.flightpath.core.StatusEvent;
import java.util.List;

/** The in-flight service's events endpoint, to which the simulated telephony platform reports status changes. */
final class PlatformEvents {
    private final MeteredHttp http;
    private final InternalEndpoint endpoint;

    PlatformEvents(MeteredHttp http, InternalEndpoint endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    /**
     * Sends one event and waits for the acknowledgement; true when it came. Retried freely: the
     * service treats a repeated status as a no-op, as it must for a real platform's redelivery.
     */
    boolean send(StatusEvent event) {
        return http.send(Operation.EVENT, endpoint.postJson("/v1/events", List.of(event)), true).ok();
    }
}
