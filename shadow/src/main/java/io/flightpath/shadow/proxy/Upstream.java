package io.flightpath.shadow.proxy;

import io.flightpath.shadow.diff.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * One side (stable, experimental or secondary): a base URL and a pool of HTTP/1.1 keep-alive
 * connections that every request to that side shares. Calls block their (virtual) thread; the
 * asynchronous ones get a virtual thread of their own. Never throws for upstream trouble: the
 * {@link Exchange} says what went wrong. Thread-safe.
 */
public final class Upstream implements AutoCloseable {
    private static final int MAX_IDLE = 512;
    // RFC 9110 9.2.2: a request of these methods may be sent again when its connection failed before an answer
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final String name;
    private final URI base;
    private final Duration timeout;
    private final int maxBodyBytes;
    private final RequestHead heads;
    private final ConnectionPool pool;
    private final ExecutorService calls;

    public Upstream(String name, URI base, Duration timeout, int maxBodyBytes) {
        this.name = name;
        this.base = base;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.heads = new RequestHead(base);
        boolean tls = base.getScheme().equals("https");
        this.pool = new ConnectionPool(base.getHost(), base.getPort() >= 0 ? base.getPort() : tls ? 443 : 80, tls, MAX_IDLE);
        this.calls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("shadow-" + name).factory()); // no counter: a name per call costs a string per call
    }

    public String name() {
        return name;
    }

    /** Sends the request and waits for the whole response; {@code extra} headers are added (shadow markers). */
    public Exchange send(ProxiedRequest request, Map<String, String> extra) {
        byte[] head;
        try {
            head = heads.encode(request, extra);
        } catch (IllegalArgumentException e) {
            return Exchange.failed(Failure.Kind.REFUSED_REQUEST, "the request cannot be forwarded: " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean headRequest = request.method().equals("HEAD");
        boolean resendable = IDEMPOTENT.contains(request.method());
        while (true) {
            UpstreamConnection c;
            try {
                // a request that must not be sent twice gets a connection too fresh to have been
                // closed by the peer's idle timeout, since a failure on it is not retried
                c = pool.acquire(deadline, resendable ? ConnectionPool.IDLE_LIMIT : ConnectionPool.FRESH_LIMIT);
            } catch (SocketTimeoutException e) {
                return Exchange.failed(Failure.Kind.CONNECTION, name + " did not accept a connection within " + timeout);
            } catch (IOException e) {
                return failed(e);
            }
            try {
                c.write(head, request.body(), deadline);
                Response response = c.read(headRequest, deadline, maxBodyBytes);
                pool.release(c);
                return Exchange.of(response);
            } catch (BodyTooLargeException e) {
                c.close();
                return Exchange.failed(Failure.Kind.TOO_LARGE, name + " answered with a body over " + maxBodyBytes + " bytes");
            } catch (SocketTimeoutException e) {
                c.close();
                return Exchange.failed(Failure.Kind.TIMEOUT, name + " did not answer within " + timeout);
            } catch (IOException e) {
                c.close();
                // the peer likely closed it while it sat idle and never saw the request; but "likely"
                // is not "never": the bytes may have reached it, so only a request that may be
                // carried out twice is sent again
                if (resendable && c.reused() && !c.answered() && !Thread.currentThread().isInterrupted()) {
                    continue;
                }
                return failed(e);
            }
        }
    }

    /** {@link #send} on a virtual thread of its own. Never completes exceptionally. */
    public CompletableFuture<Exchange> sendAsync(ProxiedRequest request, Map<String, String> extra) {
        try {
            return CompletableFuture.supplyAsync(() -> send(request, extra), calls);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Exchange.failed(Failure.Kind.CONNECTION, name + ": Shadow is closing"));
        }
    }

    private Exchange failed(IOException e) {
        if (Thread.currentThread().isInterrupted()) {
            return Exchange.failed(Failure.Kind.CONNECTION, "interrupted while calling " + name);
        }
        if (e instanceof ConnectException) {
            return Exchange.failed(Failure.Kind.CONNECTION, name + " at " + base + " refused the connection");
        }
        return Exchange.failed(Failure.Kind.CONNECTION, name + " at " + base + ": " + e);
    }

    /** Waits for the asynchronous calls under way (each bounded by the timeout) and closes the connections. */
    @Override
    public void close() {
        calls.close();
        pool.close();
    }
}
