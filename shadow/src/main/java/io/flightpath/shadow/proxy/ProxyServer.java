package io.flightpath.shadow.proxy;

import java.util.concurrent.ThreadFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The proxy's listening side: a plain Jetty server whose only handler is the proxy, each request
 * on a virtual thread. Adds no headers of its own (no Server, no Date), so clients see the stable
 * side's.
 */
public final class ProxyServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private ProxyServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Listens on {@code host:port} (0 picks a free port); a taken port fails here. */
    public static ProxyServer start(String host, int port, Handler handler) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("shadow-proxy");
        // a fixed name (a numbered one is formatted for every request's thread), and no executor that tracks
        // its threads: Jetty's stop waits for the requests under way by itself
        ThreadFactory virtual = Thread.ofVirtual().name("shadow-proxy").factory();
        threads.setVirtualThreadsExecutor(task -> virtual.newThread(task).start());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new ProxyServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Stops listening; requests under way finish first, up to Jetty's stop timeout. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the shadow proxy listener", e);
        }
    }
}
