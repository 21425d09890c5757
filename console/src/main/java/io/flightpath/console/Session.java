package io.flightpath.console;

import io.flightpath.core.AccountSid;
import java.time.Instant;

/**
 * One signed-in browser: an account (with the auth token the console calls the public API with,
 * kept in memory only) or an operator. Its id is the cookie's value; nothing else leaves the server.
 */
record Session(String id, Kind kind, AccountSid account, String authToken, Instant expires) {
    enum Kind { ACCOUNT, OPERATOR }

    boolean operator() {
        return kind == Kind.OPERATOR;
    }

    /** Who is signed in, for the page header. */
    String who() {
        return operator() ? "operator" : account.value();
    }

    @Override
    public String toString() {
        // never the token (nor the id, which is as good as a credential) in a log line
        return "Session[" + kind + (account == null ? "" : " " + account) + ", expires " + expires + "]";
    }
}
