package io.flightpath.control.http;

import io.flightpath.control.api.AccountService;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.sharding.ShardMap;
import java.util.List;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.InternalAuth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The control service's internal HTTP face (also the admin API): parse, call, map; every route needs the internal token. */
public final class ControlHttpServer {
    private final AccountService accounts;
    private final RoutingService routing;
    private final InternalAuth auth;

    public ControlHttpServer(AccountService accounts, RoutingService routing, InternalAuth auth) {
        this.accounts = accounts;
        this.routing = routing;
        this.auth = auth;
    }

    public void routes(RoutesConfig r) {
        r.before(auth);
        r.post("/v1/accounts", this::create);
        r.get("/v1/accounts/{sid}", this::find);
        r.post("/v1/accounts/{sid}/authenticate", this::authenticate);
        r.post("/v1/routing/initialize", ctx -> ctx.json(routing.initialize(List.of(ctx.bodyAsClass(ShardAddress[].class)))));
        r.post("/v1/routing/shards", ctx -> {
            routing.registerShard(ctx.bodyAsClass(ShardAddress.class));
            ctx.status(204);
        });
        r.get("/v1/routing", ctx -> ctx.json(routing.state()));
        r.post("/v1/routing/publish", ctx -> {
            Publication p = ctx.bodyAsClass(Publication.class);
            ctx.json(routing.publish(p.read(), p.write(), p.bumpPoolGeneration(), p.note()));
        });
        r.post("/v1/routing/nodes", ctx -> {
            routing.acknowledge(ctx.bodyAsClass(NodeAck.class));
            ctx.status(204);
        });
        r.get("/v1/routing/nodes", ctx -> ctx.json(routing.nodes()));
        r.get("/v1/routing/history/{kind}", ctx -> ctx.json(routing.history(ctx.pathParam("kind"),
                Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("20")))));
    }

    record Publication(ShardMap read, ShardMap write, boolean bumpPoolGeneration, String note) {
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
