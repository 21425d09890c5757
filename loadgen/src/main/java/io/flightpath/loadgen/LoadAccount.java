package io.flightpath.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An account the run created, with the credentials its public API requests authenticate with. */
record LoadAccount(String sid, String authToken) {

    /** The value of the Authorization header: HTTP Basic with AccountSid:AuthToken. */
    String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((sid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return sid;
    }
}
