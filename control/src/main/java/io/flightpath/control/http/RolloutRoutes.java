package io.flightpath.control.http;

import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RolloutRegistry;
import io.flightpath.core.FlightpathException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;

/** The rollout's state on the control service's admin API: what `flightpath rollout status` reads, and what a run saves. */
final class RolloutRoutes {
    private final RolloutRegistry rollouts;

    RolloutRoutes(RolloutRegistry rollouts) {
        this.rollouts = rollouts;
    }

    void routes(RoutesConfig r) {
        r.post("/v1/rollouts", ctx -> ctx.status(201).json(rollouts.create()));
        r.get("/v1/rollouts", ctx -> ctx.json(rollouts.list(Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("20")))));
        r.get("/v1/rollouts/{id}", ctx -> ctx.json(rollouts.find(id(ctx))
                .orElseThrow(() -> FlightpathException.notFound("no rollout %s", ctx.pathParam("id")))));
        r.post("/v1/rollouts/{id}/claim", ctx -> {
            Claim claim = ctx.bodyAsClass(Claim.class);
            ctx.json(rollouts.claim(id(ctx), claim.owner(), claim.stale()));
        });
        r.post("/v1/rollouts/{id}/advance", ctx -> {
            Advance a = ctx.bodyAsClass(Advance.class);
            ctx.json(rollouts.advance(id(ctx), a.owner(), a.nextPhase(), a.state(), a.outputs(), a.error()));
        });
    }

    record Claim(String owner, Duration stale) {
    }

    record Advance(String owner, RolloutRecord.Phase nextPhase, RolloutRecord.State state, Map<String, String> outputs, String error) {
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw FlightpathException.invalid("rollout id must be a number, was '%s'", ctx.pathParam("id"));
        }
    }
}
