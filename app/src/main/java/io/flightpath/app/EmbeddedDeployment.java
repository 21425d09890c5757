package io.flightpath.app;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.control.api.AccountService;
import io.flightpath.control.api.RoutingService;
import java.net.URI;

/** Every service in the chaos command's own process, as `up` runs them. */
record EmbeddedDeployment(ServiceStack stack) implements ChaosDeployment {
    @Override
    public URI api() {
        return stack.uri(Service.API);
    }

    @Override
    public URI events() {
        return stack.uri(Service.INFLIGHT);
    }

    @Override
    public URI control() {
        return stack.uri(Service.CONTROL);
    }

    @Override
    public AccountService accounts() {
        return stack.accounts();
    }

    @Override
    public RoutingService routing() {
        return stack.routingService();
    }

    @Override
    public void close() {
        stack.close();
    }
}
