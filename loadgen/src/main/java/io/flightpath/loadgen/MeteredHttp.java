package io.flightpath.loadgen;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.http.ErrorStatus;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Sends one logical request: bounded by the run's in-flight limit, retried when the server says
 * it is briefly unavailable, and recorded once in {@link Metrics} with its final outcome and the
 * time from first try to final answer (queueing for a permit excluded). Thread-safe.
 */
final class MeteredHttp {
    private final HttpClient client;
    private final Semaphore inFlight;
    private final Metrics metrics;
    private final RetryPolicy retry;

    MeteredHttp(HttpClient client, Semaphore inFlight, Metrics metrics, RetryPolicy retry) {
        this.client = client;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.retry = retry;
    }

    /**
     * {@code idempotent}: whether sending it twice is harmless. Only those are retried after an
     * I/O failure or a gateway's 502/504, where the first try may have been applied; a 503 or
     * 429 says it was not, and so does a connection that could not be made, so every request is
     * retried on those.
     */
    Response send(Operation op, HttpRequest request, boolean idempotent) {
        long spent = 0;
        int attempt = 1;
        while (true) {
            long start = System.nanoTime();
            Response response = attempt(request);
            spent += System.nanoTime() - start;
            if (attempt == retry.attempts() || !retryable(response, idempotent)) {
                boolean ok = op.succeeded(response);
                metrics.record(op, spent, ok, attempt - 1, ok ? null : response.summary(request, attempt));
                return response;
            }
            Duration pause = retry.backoff(attempt);
            sleep(pause, request);
            spent += pause.toNanos();
            attempt++;
        }
    }

    private Response attempt(HttpRequest request) {
        acquire(request);
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), null);
        } catch (java.net.http.HttpConnectTimeoutException | java.net.ConnectException e) {
            return Response.notConnected(e.toString());
        } catch (IOException e) {
            return Response.failed(e.toString());
        } catch (InterruptedException e) {
            throw interrupted(request, e);
        } finally {
            inFlight.release();
        }
    }

    static boolean retryable(Response r, boolean idempotent) {
        if (r.status() == 503 || r.status() == 429 || r.unsent()) {
            return true;
        }
        return idempotent && (r.status() == 0 || ErrorStatus.codeOf(r.status()) == ErrorCode.UNAVAILABLE);
    }

    private void acquire(HttpRequest request) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            throw interrupted(request, e);
        }
    }

    private static void sleep(Duration pause, HttpRequest request) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            throw interrupted(request, e);
        }
    }

    private static FlightpathException interrupted(HttpRequest request, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted during " + request.method() + " " + request.uri(), e);
    }
}
