package io.flightpath.control.http;

import io.flightpath.control.api.AccountService;
import io.flightpath.control.api.FlagService;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingVersions;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.RolloutRegistry;
import io.flightpath.control.api.SplitLive;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.core.sharding.KeyRange;
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
    private final SplitRegistry splits;
    private final FlagRoutes flags;
    private final RolloutRoutes rollouts;
    private final InternalAuth auth;

    /** Without the rollout's routes: a control service for the after shape only (benches, tests). */
    public ControlHttpServer(AccountService accounts, RoutingService routing, SplitRegistry splits, FlagService flags, InternalAuth auth) {
        this(accounts, routing, splits, flags, null, auth);
    }

    public ControlHttpServer(AccountService accounts, RoutingService routing, SplitRegistry splits, FlagService flags,
                             RolloutRegistry rollouts, InternalAuth auth) {
        this.accounts = accounts;
        this.routing = routing;
        this.splits = splits;
        this.flags = new FlagRoutes(flags);
        this.rollouts = rollouts == null ? null : new RolloutRoutes(rollouts);
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
        // a long-poll: held until the state is not the caller's, or for the wait (then answered unchanged)
        r.get("/v1/routing/state", ctx -> ctx.json(routing.awaitChange(new RoutingVersions(LongPoll.intVersion(ctx, "after-read"),
                LongPoll.intVersion(ctx, "after-write"), LongPoll.intVersion(ctx, "after-pool")), LongPoll.wait(ctx))));
        r.post("/v1/routing/publish", ctx -> {
            Publication p = ctx.bodyAsClass(Publication.class);
            ctx.json(routing.publish(p.read(), p.write(), p.bumpPoolGeneration(), p.note()));
        });
        r.post("/v1/routing/nodes", ctx -> {
            routing.acknowledge(ctx.bodyAsClass(NodeAck.class));
            ctx.status(204);
        });
        r.get("/v1/routing/nodes", ctx -> ctx.json(routing.nodes()));
        r.post("/v1/splits", ctx -> {
            NewSplit n = ctx.bodyAsClass(NewSplit.class);
            ctx.status(201).json(splits.create(n.source(), n.target(), n.range()));
        });
        r.get("/v1/splits", ctx -> ctx.json(splits.list(Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("20")))));
        r.get("/v1/splits/{id}", ctx -> ctx.json(splits.find(splitId(ctx))
                .orElseThrow(() -> FlightpathException.notFound("no split %s", ctx.pathParam("id")))));
        r.post("/v1/splits/{id}/claim", ctx -> {
            Claim claim = ctx.bodyAsClass(Claim.class);
            ctx.json(splits.claim(splitId(ctx), claim.owner(), claim.stale()));
        });
        r.post("/v1/splits/{id}/advance", ctx -> {
            Advance a = ctx.bodyAsClass(Advance.class);
            ctx.json(splits.advance(splitId(ctx), a.owner(), a.nextStep(), a.state(), a.outputs(), a.error()));
        });
        r.post("/v1/splits/{id}/live", ctx -> {
            splits.report(splitId(ctx), ctx.bodyAsClass(SplitLive.class));
            ctx.status(204);
        });
        r.get("/v1/splits/{id}/live", ctx -> ctx.json(splits.live(splitId(ctx))
                .orElseThrow(() -> FlightpathException.notFound("split %s reported no progress", ctx.pathParam("id")))));
        r.get("/v1/routing/history/{kind}", ctx -> ctx.json(routing.history(ctx.pathParam("kind"),
                Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("20")))));
        flags.routes(r);
        if (rollouts != null) {
            rollouts.routes(r);
        }
    }

    record NewSplit(String source, String target, KeyRange range) {
    }

    record Claim(String owner, java.time.Duration stale) {
    }

    record Advance(String owner, SplitRecord.Step nextStep, SplitRecord.State state, java.util.Map<String, String> outputs, String error) {
    }

    private static long splitId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw FlightpathException.invalid("split id must be a number, was '%s'", ctx.pathParam("id"));
        }
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
