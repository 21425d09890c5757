package io.flightpath.control.http;

import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.FlagService;
import io.flightpath.core.FlightpathException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** The flags part of the control service's admin API: the operators' changes and the nodes' snapshot and acknowledgement calls. */
final class FlagRoutes {
    private final FlagService flags;

    FlagRoutes(FlagService flags) {
        this.flags = flags;
    }

    record NewFlag(String name, String description, List<String> variants, String defaultValue, String by, String reason) {
    }

    /** The body of every change to an existing flag; each change reads the fields it needs. */
    record Change(String account, String value, Double percent, String by, String reason) {
        Attribution attribution() {
            return new Attribution(by, reason);
        }
    }

    record Ack(String node, long version, Instant at, Instant leaseUntil) {
    }

    record Version(long version) {
    }

    /** Fixed paths first: they are reserved words that no flag may be named. */
    void routes(RoutesConfig r) {
        r.get("/v1/flags", ctx -> ctx.json(flags.list()));
        r.post("/v1/flags", ctx -> {
            NewFlag n = ctx.bodyAsClass(NewFlag.class);
            ctx.status(201).json(flags.create(n.name(), n.description(), n.variants(), n.defaultValue(), new Attribution(n.by(), n.reason())));
        });
        r.get("/v1/flags/history", ctx -> ctx.json(flags.history(ctx.queryParam("flag"),
                Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("100")))));
        r.get("/v1/flags/version", ctx -> ctx.json(new Version(flags.version())));
        r.get("/v1/flags/snapshot", ctx -> flags.changedSince(since(ctx)).ifPresentOrElse(ctx::json, () -> ctx.status(204)));
        // a long-poll: held until the version is not the caller's, or for the wait (then 204)
        r.get("/v1/flags/snapshot/next", ctx -> flags.awaitChange(LongPoll.version(ctx, "since"), LongPoll.wait(ctx))
                .ifPresentOrElse(ctx::json, () -> ctx.status(204)));
        r.get("/v1/flags/nodes", ctx -> ctx.json(flags.nodes()));
        r.post("/v1/flags/nodes", ctx -> {
            Ack a = ctx.bodyAsClass(Ack.class);
            flags.acknowledge(a.node(), a.version(), a.at(), a.leaseUntil());
            ctx.status(204);
        });
        r.get("/v1/flags/{name}", ctx -> ctx.json(flags.find(ctx.pathParam("name"))
                .orElseThrow(() -> FlightpathException.notFound("there is no flag %s", ctx.pathParam("name")))));
        r.post("/v1/flags/{name}/set", ctx -> {
            Change c = ctx.bodyAsClass(Change.class);
            ctx.json(flags.set(ctx.pathParam("name"), c.account(), c.value(), c.attribution()));
        });
        r.post("/v1/flags/{name}/unset", ctx -> {
            Change c = ctx.bodyAsClass(Change.class);
            ctx.json(flags.unset(ctx.pathParam("name"), c.account(), c.attribution()));
        });
        r.post("/v1/flags/{name}/rollout", ctx -> {
            Change c = ctx.bodyAsClass(Change.class);
            if (c.percent() == null) {
                throw FlightpathException.invalid("percent must be given (0 to 100)");
            }
            ctx.json(flags.rollout(ctx.pathParam("name"), c.percent(), c.value(), c.attribution()));
        });
        r.post("/v1/flags/{name}/kill", ctx -> ctx.json(flags.kill(ctx.pathParam("name"), ctx.bodyAsClass(Change.class).attribution())));
        r.post("/v1/flags/{name}/unkill", ctx -> ctx.json(flags.unkill(ctx.pathParam("name"), ctx.bodyAsClass(Change.class).attribution())));
    }

    private static long since(Context ctx) {
        String v = ctx.queryParam("since");
        try {
            return v == null ? -1 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw FlightpathException.invalid("since must be a flags version, was '%s'", v);
        }
    }
}
