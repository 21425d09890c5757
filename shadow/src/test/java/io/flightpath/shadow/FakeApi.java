package io.flightpath.shadow;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Twilio-shaped API for Shadow's tests. Every response carries noise (a timestamp, and a
 * SID generated per response); the experimental variant injects four differences: a changed
 * status word, a missing field, a different list order and a different error code.
 */
final class FakeApi implements AutoCloseable {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final Pattern CALL = Pattern.compile("/2010-04-01/Accounts/(AC\\w+)/Calls/(CA\\w+)\\.json");
    private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/(AC\\w+)/Calls\\.json");
    private static final Pattern MESSAGE = Pattern.compile("/2010-04-01/Accounts/(AC\\w+)/Messages/(SM\\w+)\\.json");
    private static final Pattern RECORDING = Pattern.compile("/2010-04-01/Accounts/(AC\\w+)/Recordings/(RE\\w+)\\.json");
    private static final Pattern ACCOUNT_PATH = Pattern.compile("/2010-04-01/Accounts/(AC\\w+)\\.json");

    /** A response as this server sent it, for the byte-for-byte checks. */
    record Sent(int status, String contentType, byte[] body) {
    }

    final boolean experimental;
    final String name;
    final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    final AtomicInteger posts = new AtomicInteger();
    final Queue<String> shadowHeaders = new ConcurrentLinkedQueue<>();
    /** Requests to {@code /slow} wait for this; replace it to hold them. */
    volatile CountDownLatch hold = new CountDownLatch(0);
    private final Javalin app;

    FakeApi(String name, boolean experimental) {
        this.name = name;
        this.experimental = experimental;
        this.app = Javalin.create(c -> {
            c.concurrency.useVirtualThreads = true;
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            for (HandlerType m : List.of(HandlerType.GET, HandlerType.POST)) {
                c.routes.addHttpHandler(m, "*", this::handle);
            }
        }).start("127.0.0.1", 0);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    static String sid(String prefix) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return prefix + "%016x%016x".formatted(r.nextLong(), r.nextLong());
    }

    private void handle(Context ctx) {
        String shadow = ctx.header("X-Shadow-Request");
        if (shadow != null) {
            shadowHeaders.add(shadow);
        }
        String path = ctx.path();
        String now = Long.toString(System.nanoTime());
        Matcher m;
        if (ctx.method() == HandlerType.POST) {
            posts.incrementAndGet();
            send(ctx, 201, "{\"sid\":\"" + sid("CA") + "\",\"status\":\"queued\",\"date_created\":\"" + now + "\"}");
        } else if ((m = CALL.matcher(path)).matches()) {
            send(ctx, 200, "{\"sid\":\"" + m.group(2) + "\",\"account_sid\":\"" + m.group(1) + "\",\"status\":\""
                    + (experimental ? "complete" : "completed") + "\",\"date_updated\":\"" + now + "\",\"price\":\"-0.0085\"}");
        } else if ((m = CALLS.matcher(path)).matches()) {
            List<String> to = experimental ? List.of("+3", "+2", "+1") : List.of("+1", "+2", "+3");
            StringBuilder calls = new StringBuilder();
            for (String t : to) {
                calls.append(calls.isEmpty() ? "" : ",").append("{\"sid\":\"").append(sid("CA")).append("\",\"to\":\"").append(t).append("\"}");
            }
            send(ctx, 200, "{\"calls\":[" + calls + "],\"page\":0,\"date_updated\":\"" + now + "\"}");
        } else if ((m = MESSAGE.matcher(path)).matches()) {
            send(ctx, 404, "{\"code\":" + (experimental ? 20005 : 20404) + ",\"message\":\"The requested resource "
                    + path + " was not found\",\"status\":404}");
        } else if ((m = RECORDING.matcher(path)).matches()) {
            send(ctx, 200, "{\"sid\":\"" + m.group(2) + "\",\"duration\":\"7\",\"date_created\":\"" + now + "\"}");
        } else if ((m = ACCOUNT_PATH.matcher(path)).matches()) {
            send(ctx, 200, "{\"sid\":\"" + m.group(1) + "\",\"status\":\"active\""
                    + (experimental ? "" : ",\"friendly_name\":\"Acme\"") + ",\"date_updated\":\"" + now + "\"}");
        } else if (path.equals("/slow")) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ctx, 200, "{\"slow\":true}");
        } else if (path.equals("/binary")) {
            sendBytes(ctx, 200, "application/octet-stream", new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0});
        } else if (path.equals("/big")) {
            sendBytes(ctx, 200, "text/plain", "x".repeat(Integer.parseInt(ctx.queryParam("bytes"))).getBytes());
        } else {
            send(ctx, 404, "{\"code\":20404,\"message\":\"no route\",\"status\":404}");
        }
    }

    private void send(Context ctx, int status, String json) {
        sendBytes(ctx, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private void sendBytes(Context ctx, int status, String contentType, byte[] body) {
        sent.add(new Sent(status, contentType, body));
        ctx.status(status).contentType(contentType).header("X-Side", name).result(body);
    }

    @Override
    public void close() {
        app.stop();
    }
}
