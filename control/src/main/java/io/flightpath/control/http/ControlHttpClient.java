package io.flightpath.control.http;

import io.flightpath.control.api.Account;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.AccountService;
import io.flightpath.core.AccountSid;
import io.flightpath.http.ServiceClient;
import java.util.Map;
import java.util.Optional;

/** {@link AccountService} over HTTP, for services that run in another process than the control service. */
public final class ControlHttpClient implements AccountService {
    private final ServiceClient http;

    public ControlHttpClient(ServiceClient http) {
        this.http = http;
    }

    @Override
    public AccountCredentials create(String friendlyName) {
        return http.post("/v1/accounts", new ControlHttpServer.NewAccount(friendlyName), AccountCredentials.class);
    }

    @Override
    public Optional<Account> authenticate(AccountSid sid, String token) {
        return ServiceClient.absentIfNotFound(() -> http.post("/v1/accounts/" + sid + "/authenticate", new ControlHttpServer.TokenCheck(token), Account.class));
    }

    @Override
    public Optional<Account> find(AccountSid sid) {
        return ServiceClient.absentIfNotFound(() -> http.get("/v1/accounts/" + sid, Map.of(), Account.class));
    }
}
