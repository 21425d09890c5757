package io.flightpath.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The control service's account endpoint, where the run creates its accounts. */
final class AdminApi {
    private final MeteredHttp http;
    private final InternalEndpoint endpoint;

    AdminApi(MeteredHttp http, InternalEndpoint endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    /** Creates an account; throws UNAVAILABLE with the answer when that fails, since a run cannot start without it. */
    LoadAccount createAccount(String friendlyName) {
        Response response = http.send(Operation.CREATE_ACCOUNT,
                endpoint.postJson("/v1/accounts", Map.of("friendlyName", friendlyName)), false);
        if (!response.ok()) {
            throw FlightpathException.unavailable("create account '%s' at %s: %s %s", friendlyName, endpoint.root(),
                    response.describe(), new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode body = response.json();
        return new LoadAccount(AccountSid.parse(body.path("accountSid").asText()).value(), body.path("authToken").asText());
    }
}
