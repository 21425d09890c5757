package io.flightpath.shadow.proxy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the HTTP/1.1 request line and headers Shadow sends upstream: the client's headers but
 * the hop-by-hop ones, the extra ones, the upstream's Host and the body's length. Refuses
 * (IllegalArgumentException) what would let one request smuggle another: CR, LF or NUL anywhere.
 */
final class RequestHead {
    private final String pathPrefix;
    private final String host;

    RequestHead(URI base) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.host = base.getPort() >= 0 ? base.getHost() + ":" + base.getPort() : base.getHost();
    }

    byte[] encode(ProxiedRequest request, Map<String, String> extra) {
        StringBuilder b = new StringBuilder(512);
        b.append(token(request.method())).append(' ').append(safe(pathPrefix + request.target())).append(" HTTP/1.1\r\n");
        header(b, "Host", host);
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            if (!HopByHop.is(h.getKey())) {
                for (String v : h.getValue()) {
                    header(b, h.getKey(), v);
                }
            }
        }
        extra.forEach((name, value) -> header(b, name, value));
        int length = request.body().length;
        if (length > 0 || request.method().equals("POST") || request.method().equals("PUT") || request.method().equals("PATCH")) {
            header(b, "Content-Length", Integer.toString(length));
        }
        b.append("\r\n");
        String s = b.toString();
        // Latin-1 is HTTP's own header charset; text beyond it goes out as UTF-8, as the client most likely sent it
        return latin1(s) ? s.getBytes(StandardCharsets.ISO_8859_1) : s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static void header(StringBuilder b, String name, String value) {
        b.append(token(name)).append(": ").append(safe(value)).append("\r\n");
    }

    private static String token(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("an empty method or header name");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("'" + s + "' is not a valid method or header name");
            }
        }
        return s;
    }

    private static String safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("a target or header value holds CR, LF or NUL");
            }
        }
        return s;
    }
}
