package io.flightpath.inflight.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.core.AccountSid;
import io.flightpath.core.CallSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.MessageSid;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.StatusEvent;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ListingParams;
import io.flightpath.http.PageBody;
import io.flightpath.http.Json;
import io.flightpath.inflight.api.InflightService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/**
 * The in-flight service's internal HTTP API: parse, call, map; no logic here. Every route needs
 * the internal token. Routes: POST /v1/calls, POST /v1/messages, POST /v1/events (one event or
 * an array), GET /v1/accounts/{account}/calls[/{sid}], GET /v1/accounts/{account}/messages[/{sid}],
 * POST /v1/accounts/{account}/calls/{sid}/handoff, POST /v1/accounts/{account}/messages/{sid}/handoff.
 */
public final class InflightHttpServer {
    private final InflightService service;
    private final InternalAuth auth;

    public InflightHttpServer(InflightService service, InternalAuth auth) {
        this.service = service;
        this.auth = auth;
    }

    public void routes(RoutesConfig r) {
        r.before("/v1/*", auth);
        r.post("/v1/calls", ctx -> ctx.status(201).json(service.createCall(read(ctx, NewCall.class))));
        r.post("/v1/messages", ctx -> ctx.status(201).json(service.createMessage(read(ctx, NewMessage.class))));
        r.post("/v1/events", ctx -> {
            service.apply(events(ctx));
            ctx.status(204);
        });
        r.get("/v1/accounts/{account}/calls/{sid}", ctx -> ctx.json(service.call(account(ctx), CallSid.parse(ctx.pathParam("sid")))
                .orElseThrow(() -> FlightpathException.notFound("no in-flight call %s", ctx.pathParam("sid")))));
        r.get("/v1/accounts/{account}/messages/{sid}", ctx -> ctx.json(service.message(account(ctx), MessageSid.parse(ctx.pathParam("sid")))
                .orElseThrow(() -> FlightpathException.notFound("no in-flight message %s", ctx.pathParam("sid")))));
        r.post("/v1/accounts/{account}/calls/{sid}/handoff", ctx -> {
            service.handOffCall(account(ctx), CallSid.parse(ctx.pathParam("sid")));
            ctx.status(204);
        });
        r.post("/v1/accounts/{account}/messages/{sid}/handoff", ctx -> {
            service.handOffMessage(account(ctx), MessageSid.parse(ctx.pathParam("sid")));
            ctx.status(204);
        });
        r.get("/v1/accounts/{account}/calls", ctx -> ctx.json(PageBody.of(service.calls(
                ListingParams.callQuery(account(ctx), ctx::queryParam), ListingParams.page(ctx::queryParam)))));
        r.get("/v1/accounts/{account}/messages", ctx -> ctx.json(PageBody.of(service.messages(
                ListingParams.messageQuery(account(ctx), ctx::queryParam), ListingParams.page(ctx::queryParam)))));
    }

    private static AccountSid account(Context ctx) {
        return AccountSid.parse(ctx.pathParam("account"));
    }

    private static List<StatusEvent> events(Context ctx) {
        JsonNode body = read(ctx, JsonNode.class);
        try {
            if (body.isArray()) {
                return Json.mapper().readerForListOf(StatusEvent.class).readValue(body);
            }
            return List.of(Json.mapper().treeToValue(body, StatusEvent.class));
        } catch (IOException e) {
            throw invalidBody("status events", e);
        }
    }

    private static <T> T read(Context ctx, Class<T> type) {
        try {
            T value = Json.mapper().readValue(ctx.bodyAsBytes(), type);
            if (value == null) {
                throw FlightpathException.invalid("the request needs a JSON body");
            }
            return value;
        } catch (IOException e) {
            throw invalidBody(type.getSimpleName(), e);
        }
    }

    // A record's own check (a bad SID, a missing field) says best what is wrong: pass it on.
    private static FlightpathException invalidBody(String what, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FlightpathException f) {
                return f;
            }
        }
        String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return FlightpathException.invalid("the body is not valid JSON for %s: %s", what, detail);
    }
}
