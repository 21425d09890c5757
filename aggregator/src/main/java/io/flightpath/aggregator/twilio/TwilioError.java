package io.flightpath.aggregator.twilio;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flightpath.core.FlightpathException;

/**
 * An error as the 2010-04-01 API returns it: Twilio's error code, a message, the page that
 * explains the code, and the HTTP status. Built only at the public API's edge.
 */
public record TwilioError(int code, String message, @JsonProperty("more_info") String moreInfo, int status) {
    public static final int AUTHENTICATE = 20003;
    public static final int NOT_FOUND = 20404;
    public static final int INVALID_PARAMETER = 21200;
    public static final int NO_TO = 21201;
    public static final int NO_FROM = 21213;
    public static final int NO_URL = 21205;
    public static final int NO_BODY = 21602;
    public static final int BODY_TOO_LONG = 21617;
    public static final int INVALID_STATE = 21220;
    public static final int METHOD_NOT_ALLOWED = 20004;
    public static final int TOO_MANY_REQUESTS = 20429;
    public static final int INVALID_TO = 21211;
    public static final int INVALID_FROM = 21212;
    public static final int INVALID_URL = 21205;
    public static final int INVALID_APPLICATION_SID = 21218;
    public static final int INVALID_MEDIA_URL = 21620;
    public static final int TOO_MANY_MEDIA = 21623;
    public static final int INVALID_MESSAGING_SERVICE_SID = 21705;
    public static final int INTERNAL = 20500;
    public static final int UNAVAILABLE = 20503;

    public static TwilioError of(int status, int code, String message) {
        return new TwilioError(code, message, "https://www.twilio.com/docs/errors/" + code, status);
    }

    /** An error the HTTP layer answers with its own status: Twilio's code for that status where it has one. */
    public static TwilioError refused(int status, String message) {
        int code = switch (status) {
            case 401, 403 -> AUTHENTICATE;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : INVALID_PARAMETER;
        };
        return of(status, code, message);
    }

    /** The public face of a service error: the status follows the code, the message is kept. */
    public static TwilioError of(FlightpathException e) {
        return switch (e.code()) {
            case INVALID_ARGUMENT -> of(400, INVALID_PARAMETER, e.getMessage());
            case UNAUTHENTICATED -> of(401, AUTHENTICATE, "Authenticate");
            case NOT_FOUND -> of(404, NOT_FOUND, e.getMessage());
            case CONFLICT -> of(409, INVALID_PARAMETER, e.getMessage());
            case FAILED_PRECONDITION -> of(400, INVALID_STATE, e.getMessage());
            case UNAVAILABLE -> of(503, UNAVAILABLE, "Service temporarily unavailable; retry later");
            case INTERNAL -> of(500, INTERNAL, "Internal error");
        };
    }
}
