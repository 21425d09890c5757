package io.flightpath.http;

import io.flightpath.core.ErrorCode;

/** How error codes travel over HTTP between services: one status per code, and back. */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    public static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> 400;
            case UNAUTHENTICATED -> 401;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FAILED_PRECONDITION -> 422;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    /** The code for a status whose body carried none (a proxy's error page, say). */
    public static ErrorCode codeOf(int status) {
        return switch (status) {
            case 400, 405, 413, 414, 415, 426, 431 -> ErrorCode.INVALID_ARGUMENT;
            case 401, 403 -> ErrorCode.UNAUTHENTICATED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 412, 422 -> ErrorCode.FAILED_PRECONDITION;
            case 502, 503, 504, 429 -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.INTERNAL;
        };
    }
}
