package io.flightpath.app;

import io.flightpath.control.api.AccountService;
import io.flightpath.control.api.RoutingService;
import java.net.URI;

/** Where `flightpath chaos` runs the services: in its own process, or as processes of their own it can kill. */
interface ChaosDeployment extends AutoCloseable {
    URI api();

    /** The in-flight service, whose /v1/events takes the load's status events. */
    URI events();

    URI control();

    AccountService accounts();

    RoutingService routing();

    @Override
    void close();
}
