package io.flightpath.control.http;

import io.flightpath.control.api.AccountService;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.InternalAuth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The control service's internal HTTP face (also the admin API): parse, call, map; every route needs the internal token. */
public final class ControlHttpServer {
    private final AccountService accounts;
    private final InternalAuth auth;

    public ControlHttpServer(AccountService accounts, InternalAuth auth) {
        this.accounts = accounts;
        this.auth = auth;
    }

    public void routes(RoutesConfig r) {
        r.before(auth);
        r.post("/v1/accounts", this::create);
        r.get("/v1/accounts/{sid}", this::find);
        r.post("/v1/accounts/{sid}/authenticate", this::authenticate);
    }

    record NewAccount(String friendlyName) {
    }

    record TokenCheck(String token) {
    }

    private void create(Context ctx) {
        NewAccount body = ctx.body().isBlank() ? new NewAccount(null) : ctx.bodyAsClass(NewAccount.class);
        ctx.status(201).json(accounts.create(body.friendlyName()));
    }

    private void find(Context ctx) {
        AccountSid sid = AccountSid.parse(ctx.pathParam("sid"));
        ctx.json(accounts.find(sid).orElseThrow(() -> FlightpathException.notFound("no account %s", sid)));
    }

    private void authenticate(Context ctx) {
        AccountSid sid = AccountSid.parse(ctx.pathParam("sid"));
        TokenCheck check = ctx.bodyAsClass(TokenCheck.class);
        ctx.json(accounts.authenticate(sid, check.token())
                .orElseThrow(() -> FlightpathException.notFound("no account %s with that token", sid)));
    }
}
