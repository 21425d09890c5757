package io.flightpath.console;

import io.flightpath.control.api.Account;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.ErrorStatus;
import io.flightpath.http.ServiceServer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web console's routes: sign-in (an account with its AccountSid and auth token, checked by the
 * control store as the API checks them; an operator with the internal token), the account's pages
 * and the operators' pages. The session is a cookie holding a random id only (HttpOnly,
 * SameSite=Strict, expiring); credentials travel in POST bodies, never in a URL.
 */
public final class ConsoleServer {
    static final String COOKIE = "flightpath_console";
    private static final Map<String, String> ASSETS = Map.of("console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");

    private final Operations sources;
    private final byte[] internalToken;
    private final Sessions sessions;
    private final Pages pages = new Pages();
    private final AccountPages accountPages;
    private final OperatorPages operatorPages;

    public ConsoleServer(Operations sources, String internalToken, Duration sessionTtl, Duration timeout, Clock clock) {
        this.sources = sources;
        this.internalToken = internalToken.getBytes(StandardCharsets.UTF_8);
        this.sessions = new Sessions(clock, sessionTtl);
        this.accountPages = new AccountPages(new PublicApi(sources.publicApi(), timeout), pages, clock);
        this.operatorPages = new OperatorPages(sources, pages, clock);
    }

    /**
     * Failures the HTTP server answers before a console route runs (a malformed request, an
     * unknown path), in the internal services' JSON shape; the routes' own failures are pages.
     */
    public ServiceServer.ErrorRenderer errors() {
        return ServiceServer.INTERNAL_ERRORS;
    }

    public void routes(RoutesConfig r) {
        r.exception(ConsoleError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        // every failure of a route as a page with the status the API (or the internal APIs) would answer
        r.exception(FlightpathException.class, (e, ctx) -> error(ctx, ErrorStatus.of(e.code()), e.getMessage()));
        r.get("/", this::home);
        r.get("/assets/{name}", this::asset);
        r.get("/sign-in", ctx -> signInPage(ctx, 200, null));
        r.post("/sign-in", this::signIn);
        r.get("/ops/sign-in", ctx -> operatorSignInPage(ctx, 200, null));
        r.post("/ops/sign-in", this::operatorSignIn);
        r.post("/sign-out", this::signOut);
        r.get("/calls", account((ctx, s) -> accountPages.list(ctx, s, AccountPages.Kind.CALLS)));
        r.get("/calls/{sid}", account((ctx, s) -> accountPages.record(ctx, s, AccountPages.Kind.CALLS)));
        r.get("/messages", account((ctx, s) -> accountPages.list(ctx, s, AccountPages.Kind.MESSAGES)));
        r.get("/messages/{sid}", account((ctx, s) -> accountPages.record(ctx, s, AccountPages.Kind.MESSAGES)));
        r.get("/usage", account(accountPages::usage));
        for (OperatorPages.Page page : OperatorPages.ALL) {
            r.get("/ops/" + page.section(), operator((ctx, s) -> operatorPages.page(ctx, s, page)));
            r.get("/ops/" + page.section() + "/live", operator((ctx, s) -> operatorPages.live(ctx, page)));
        }
    }

    @FunctionalInterface
    private interface SignedIn {
        void handle(Context ctx, Session session) throws Exception;
    }

    private Handler account(SignedIn page) {
        return signedIn(Session.Kind.ACCOUNT, "/sign-in", page);
    }

    private Handler operator(SignedIn page) {
        return signedIn(Session.Kind.OPERATOR, "/ops/sign-in", page);
    }

    /** The page for a session of {@code kind}; without one a page sends the browser to sign in, a live fragment answers 401. */
    private Handler signedIn(Session.Kind kind, String signIn, SignedIn page) {
        return ctx -> {
            Optional<Session> session = sessions.find(ctx.cookie(COOKIE)).filter(s -> s.kind() == kind);
            if (session.isPresent()) {
                page.handle(ctx, session.get());
            } else if (ctx.path().endsWith("/live")) {
                error(ctx, 401, "Sign in again: the session has expired.");
            } else {
                ctx.redirect(signIn, HttpStatus.SEE_OTHER);
            }
        };
    }

    private void home(Context ctx) {
        Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
        ctx.redirect(session.map(s -> s.operator() ? "/ops/shards" : "/calls").orElse("/sign-in"), HttpStatus.SEE_OTHER);
    }

    private void signIn(Context ctx) {
        String sid = ctx.formParam("AccountSid");
        String token = ctx.formParam("AuthToken");
        Optional<Account> account = sid == null || token == null || !AccountSid.isValid(sid.strip()) ? Optional.empty()
                : sources.accounts().authenticate(AccountSid.parse(sid.strip()), token);
        if (account.isEmpty()) {
            // the API's answer to wrong credentials: 401, and nothing said about which part was wrong
            signInPage(ctx, 401, "Authenticate: that AccountSid and auth token do not match an account.");
            return;
        }
        start(ctx, sessions.signIn(Session.Kind.ACCOUNT, account.get().sid(), token), "/calls");
    }

    private void operatorSignIn(Context ctx) {
        String token = ctx.formParam("Token");
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), internalToken)) {
            operatorSignInPage(ctx, 401, "Authenticate: that is not the internal token.");
            return;
        }
        start(ctx, sessions.signIn(Session.Kind.OPERATOR, null, null), "/ops/shards");
    }

    private void start(Context ctx, Session session, String to) {
        ctx.cookie(cookie(session.id(), (int) sessions.ttl().toSeconds()));
        ctx.redirect(to, HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        sessions.signOut(ctx.cookie(COOKIE));
        ctx.cookie(cookie("", 0));
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    /** HttpOnly so no script reads it, SameSite=Strict so no other site's page sends it (no CSRF token needed), expiring with the session. */
    private static Cookie cookie(String value, int maxAgeSeconds) {
        return new Cookie(COOKIE, value, "/", maxAgeSeconds, false, true, null, SameSite.STRICT);
    }

    private void signInPage(Context ctx, int status, String problem) {
        pages.page(ctx, status, Pages.Frame.of("Sign in", null, null), "signin.jte", params("problem", problem));
    }

    private void operatorSignInPage(Context ctx, int status, String problem) {
        pages.page(ctx, status, Pages.Frame.of("Operator sign-in", null, null), "opsignin.jte", params("problem", problem));
    }

    private void error(Context ctx, int status, String message) {
        Session session = sessions.find(ctx.cookie(COOKIE)).orElse(null);
        Map<String, Object> p = params("status", status);
        p.put("message", message);
        pages.page(ctx, status, Pages.Frame.of("Error " + status, null, session), "error.jte", p);
    }

    private void asset(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        String type = ASSETS.get(name);
        if (type == null) {
            throw FlightpathException.notFound("no asset %s", name);
        }
        try (InputStream in = ConsoleServer.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw FlightpathException.internal("asset %s is missing from the jar", name);
            }
            ctx.header("Cache-Control", "max-age=300").contentType(type).result(in.readAllBytes());
        }
    }

    private static Map<String, Object> params(String key, Object value) {
        Map<String, Object> p = new HashMap<>();
        p.put(key, value);
        return p;
    }
}
