package io.flightpath.shadow.proxy;

import io.flightpath.shadow.diff.Response;

/** One upstream call's result: a response, or the failure that stood in its way. Exactly one is non-null. */
public record Exchange(Response response, Failure failure) {

    static Exchange of(Response response) {
        return new Exchange(response, null);
    }

    static Exchange failed(Failure.Kind kind, String message) {
        return new Exchange(null, new Failure(kind, message));
    }

    public boolean ok() {
        return response != null;
    }
}
