package io.flightpath.billing.http;

import io.flightpath.billing.api.BillingService;
import io.flightpath.billing.api.UsageCategory;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.InternalAuth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Billing's internal HTTP face: parse, call, map; every route needs the internal token. */
public final class BillingHttpServer {
    private final BillingService billing;
    private final InternalAuth auth;

    public BillingHttpServer(BillingService billing, InternalAuth auth) {
        this.billing = billing;
        this.auth = auth;
    }

    public void routes(RoutesConfig r) {
        r.before(auth);
        r.get("/v1/accounts/{account}/usage-records", this::usageRecords);
    }

    private void usageRecords(Context ctx) {
        AccountSid account = AccountSid.parse(ctx.pathParam("account"));
        String category = ctx.queryParam("category");
        ctx.json(billing.usageRecords(account, category == null ? null : UsageCategory.fromWire(category),
                date(ctx, "start"), date(ctx, "end")));
    }

    private static LocalDate date(Context ctx, String name) {
        String value = ctx.queryParam(name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw FlightpathException.invalid("%s must be a date as YYYY-MM-DD, was '%s'", name, value);
        }
    }
}
