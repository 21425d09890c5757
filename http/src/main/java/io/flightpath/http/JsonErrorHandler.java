package io.flightpath.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to what it refuses before any route sees the request (a bad request line or
 * Content-Length, a URI or headers too large, an unsupported protocol): the service's own JSON error
 * shape instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ServiceServer.ErrorRenderer errors;

    JsonErrorHandler(ServiceServer.ErrorRenderer errors) {
        this.errors = errors;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e) {
            status = e.getCode();
        }
        if (status < 400) {
            status = 500;
        }
        String reason = HttpStatus.getMessage(status);
        ErrorAnswer answer = errors.render(new RefusedRequest(status, "The request was refused: " + reason));
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body must be writable as JSON", e);
        }
        response.setStatus(answer.status());
        answer.headers().forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
        return true;
    }
}
