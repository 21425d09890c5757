package io.flightpath.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Jetty's idle timeout does not bound: the connections one client address holds at once
 * (over the cap, a new one is closed as it opens) and the time a request head may take (every byte
 * resets the idle timeout, so a client sending its headers a byte a second would hold its
 * connection for ever; a sweep closes a connection whose head is still incomplete after the
 * deadline). Thread-safe.
 */
final class ConnectionGuard implements Connection.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final String service;
    private final int perClient;
    private final long headDeadlineNanos;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each open connection and its client: the address is gone from the endpoint once it closed. */
    private final Map<Connection, InetAddress> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    ConnectionGuard(String service, int perClient, Duration headDeadline) {
        this.service = service;
        this.perClient = perClient;
        this.headDeadlineNanos = headDeadline.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(service + "-head-deadline").factory());
        // a tenth of the deadline: a slow head is closed at most 10 % late
        long period = Math.max(10, headDeadline.toMillis() / 10);
        sweeper.scheduleWithFixedDelay(this::closeSlowHeads, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = client(connection);
        if (client == null) {
            return;
        }
        connections.put(connection, client);
        if (open.merge(client, 1, Integer::sum) > perClient) {
            LOG.debug("{}: closing a connection from {}, which holds {} already", service, client, perClient);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = connections.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Connections open from one address now. */
    int openFrom(InetAddress client) {
        return open.getOrDefault(client, 0);
    }

    private void closeSlowHeads() {
        for (Map.Entry<Connection, InetAddress> open : connections.entrySet()) {
            if (open.getKey() instanceof HttpConnection http && slowHead(http.getParser())) {
                LOG.debug("{}: closing a connection from {} whose request head took longer than {} ms", service,
                        open.getValue(), TimeUnit.NANOSECONDS.toMillis(headDeadlineNanos));
                Connection connection = open.getKey();
                connection.getEndPoint().close();
            }
        }
    }

    // read from the sweeper's thread without the parser's lock: a stale state only delays the close by a sweep
    private boolean slowHead(HttpParser parser) {
        return !parser.isStart() && parser.inHeaderState() && NanoTime.since(parser.getBeginNanoTime()) > headDeadlineNanos;
    }

    private static InetAddress client(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
