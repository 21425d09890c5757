package io.flightpath.console;

/**
 * A page the console cannot show, with the HTTP status and message to show instead: the public
 * API's own when it refused the request (401, 404, 400 naming the parameter), so that the console
 * answers bad input exactly as the API does.
 */
final class ConsoleError extends RuntimeException {
    private final int status;

    ConsoleError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
