package io.flightpath.bench.shadow;

import io.javalin.Javalin;
import java.net.URI;

/** The trivial backend: answers every GET with the same small JSON document, so a bench measures the proxy alone. */
final class JsonResponder implements AutoCloseable {
    private static final byte[] BODY = ("{\"sid\":\"CA0123456789abcdef0123456789abcdef\",\"status\":\"completed\","
            + "\"to\":\"+15551234567\",\"from\":\"+15557654321\",\"duration\":\"42\",\"price\":\"-0.0085\"}").getBytes();
    private final Javalin app;

    JsonResponder() {
        app = Javalin.create(c -> {
            c.concurrency.useVirtualThreads = true;
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.routes.get("/*", ctx -> ctx.contentType("application/json").result(BODY));
        }).start("127.0.0.1", 0);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    @Override
    public void close() {
        app.stop();
    }
}
