package io.flightpath.postflight.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageSid;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ListingParams;
import io.flightpath.http.PageBody;
import io.flightpath.http.Json;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.postflight.api.ShardInventory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/**
 * The internal HTTP face of a {@link PostflightService}: parse, call, map; every route requires
 * the internal token. Mount with {@code ServiceServer.start(..., server::routes)}.
 */
public final class PostflightHttpServer {
    static final String CALLS_BATCH = "/v1/calls:batch";
    static final String MESSAGES_BATCH = "/v1/messages:batch";

    private final PostflightService service;
    private final InternalAuth auth;

    public PostflightHttpServer(PostflightService service, InternalAuth auth) {
        this.service = service;
        this.auth = auth;
    }

    public void routes(RoutesConfig r) {
        r.before(auth);
        r.get("/v1/shards", ctx -> {
            if (!(service instanceof ShardInventory inventory)) {
                throw FlightpathException.notFound("this post-flight service routes to no shards");
            }
            ctx.json(inventory.shardStats());
        });
        r.post(CALLS_BATCH, ctx -> {
            service.insertCalls(List.of(body(ctx, Call[].class)));
            ctx.status(204);
        });
        r.post(MESSAGES_BATCH, ctx -> {
            service.insertMessages(List.of(body(ctx, Message[].class)));
            ctx.status(204);
        });
        r.get("/v1/accounts/{account}/calls", ctx -> ctx.json(PageBody.of(service.calls(
                ListingParams.callQuery(account(ctx), ctx::queryParam), ListingParams.page(ctx::queryParam)))));
        r.get("/v1/accounts/{account}/calls/{sid}", ctx -> ctx.json(service.call(account(ctx), callSid(ctx))
                .orElseThrow(() -> notFound("call", ctx))));
        r.post("/v1/accounts/{account}/calls/{sid}/price", ctx -> {
            PriceBody p = body(ctx, PriceBody.class);
            ctx.json(service.priceCall(account(ctx), callSid(ctx), p.price(), p.priceUnit(), p.at()));
        });
        r.delete("/v1/accounts/{account}/calls/{sid}", ctx -> deleted(ctx, "call",
                service.deleteCall(account(ctx), callSid(ctx))));
        r.get("/v1/accounts/{account}/messages", ctx -> ctx.json(PageBody.of(service.messages(
                ListingParams.messageQuery(account(ctx), ctx::queryParam), ListingParams.page(ctx::queryParam)))));
        r.get("/v1/accounts/{account}/messages/{sid}", ctx -> ctx.json(service.message(account(ctx), messageSid(ctx))
                .orElseThrow(() -> notFound("message", ctx))));
        r.post("/v1/accounts/{account}/messages/{sid}/price", ctx -> {
            PriceBody p = body(ctx, PriceBody.class);
            ctx.json(service.priceMessage(account(ctx), messageSid(ctx), p.price(), p.priceUnit(), p.at()));
        });
        r.post("/v1/accounts/{account}/messages/{sid}/redact", ctx ->
                ctx.json(service.redactMessage(account(ctx), messageSid(ctx), body(ctx, RedactBody.class).at())));
        r.delete("/v1/accounts/{account}/messages/{sid}", ctx -> deleted(ctx, "message",
                service.deleteMessage(account(ctx), messageSid(ctx))));
        r.get("/v1/accounts/{account}/usage", ctx -> ctx.json(service.usage(account(ctx),
                ListingParams.instant(ctx::queryParam, "from"), ListingParams.instant(ctx::queryParam, "to"))));
    }

    private static AccountSid account(Context ctx) {
        return AccountSid.parse(ctx.pathParam("account"));
    }

    private static CallSid callSid(Context ctx) {
        return CallSid.parse(ctx.pathParam("sid"));
    }

    private static MessageSid messageSid(Context ctx) {
        return MessageSid.parse(ctx.pathParam("sid"));
    }

    private static FlightpathException notFound(String noun, Context ctx) {
        return FlightpathException.notFound("no %s %s in account %s", noun, ctx.pathParam("sid"), ctx.pathParam("account"));
    }

    private static void deleted(Context ctx, String noun, boolean deleted) {
        if (!deleted) {
            throw notFound(noun, ctx);
        }
        ctx.status(204);
    }

    // Read here rather than with ctx.bodyAsClass so that a malformed body, or a record its own
    // constructor refuses, is the caller's INVALID_ARGUMENT and not our INTERNAL.
    private static <T> T body(Context ctx, Class<T> type) {
        try {
            T value = Json.mapper().readValue(ctx.bodyAsBytes(), type);
            if (value == null) {
                throw FlightpathException.invalid("a JSON request body is required");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw FlightpathException.invalid("the request body is not valid: %s", e.getOriginalMessage());
        } catch (IOException e) {
            throw FlightpathException.invalid("the request body cannot be read: %s", e.getMessage());
        }
    }
}
