package io.flightpath.control.api;

import io.flightpath.core.AccountSid;

/** A new account's SID and auth token: the token is shown once and stored only as a hash. */
public record AccountCredentials(AccountSid accountSid, String authToken, String friendlyName) {
    @Override
    public String toString() {
        return "AccountCredentials[" + accountSid + ", " + friendlyName + ", token=***]";
    }
}
