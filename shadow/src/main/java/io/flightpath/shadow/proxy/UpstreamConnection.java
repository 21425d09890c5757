package io.flightpath.shadow.proxy;

import io.flightpath.shadow.diff.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 keep-alive connection on a blocking socket: writes a request, reads its whole
 * response (Content-Length, chunked, or up to the close). Blocking is cheap on the virtual threads
 * that call it. Used by one call at a time; not thread-safe.
 */
final class UpstreamConnection implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Socket socket;
    private final Socket plain; // the TCP socket under a TLS one, or socket itself: what the watchdog closes
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private boolean reusable = true;
    private boolean answered;
    private int uses;
    private volatile long idleSince = System.nanoTime();
    // the System.nanoTime() instant the call under way must end by, or 0 between calls; see expireIfLate
    private volatile long deadline;
    private volatile boolean expired;

    private UpstreamConnection(Socket socket, Socket plain) throws IOException {
        this.socket = socket;
        this.plain = plain;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects (and for https shakes hands, checking the host name) within {@code deadline}. */
    static UpstreamConnection open(String host, int port, boolean tls, long deadline) throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), remainingMillis(deadline));
            if (!tls) {
                return new UpstreamConnection(plain, plain);
            }
            SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
            SSLParameters params = secure.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(params);
            secure.setSoTimeout(remainingMillis(deadline));
            secure.startHandshake();
            secure.setSoTimeout(0); // calls are timed by their deadline from here on (see expireIfLate)
            return new UpstreamConnection(secure, plain);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * Sends a request head and body (as one write when small, so Nagle never holds a segment) and
     * starts the call's clock: it must have its response by {@code deadline}.
     */
    void write(byte[] head, byte[] body, long deadline) throws IOException {
        uses++;
        answered = false;
        remainingMillis(deadline);
        this.deadline = deadline;
        try {
            if (body.length > 0 && body.length <= 8 * 1024) {
                byte[] both = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, both, head.length, body.length);
                out.write(both);
            } else {
                out.write(head);
                if (body.length > 0) {
                    out.write(body);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw expired ? new SocketTimeoutException("the deadline passed") : e;
        }
    }

    /**
     * Reads the response to the request just written, skipping interim (1xx) answers.
     *
     * @throws BodyTooLargeException when the body is over {@code maxBody}; the connection is then unusable
     * @throws SocketTimeoutException when {@code deadline} passes first
     */
    Response read(boolean head, long deadline, int maxBody) throws IOException {
        while (true) {
            String statusLine = line(deadline);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x status line: '" + abbreviate(statusLine) + "'");
            }
            int status = status(statusLine);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            int headBytes = statusLine.length();
            for (String h = line(deadline); !h.isEmpty(); h = line(deadline)) {
                headBytes += h.length();
                if (headBytes > MAX_HEAD_BYTES) {
                    throw new IOException("response headers over " + MAX_HEAD_BYTES + " bytes");
                }
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("a malformed header line: '" + abbreviate(h) + "'");
                }
                // the first spelling of a name is kept, so the client gets it as the upstream sent it
                String name = h.substring(0, colon);
                List<String> values = headers.get(name);
                if (values == null) {
                    values = new ArrayList<>(1);
                    headers.put(name, values);
                }
                values.add(h.substring(colon + 1).strip());
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue;
            }
            // HTTP/1.0 closes after each response (Flightpath sends no keep-alive for it); 101 hands the connection to another protocol
            if (statusLine.charAt(7) == '0' || status == 101 || has(headers, "connection", "close")) {
                reusable = false;
            }
            Response response = new Response(status, headers, body(head, status, headers, deadline, maxBody));
            this.deadline = 0;
            return response;
        }
    }

    private byte[] body(boolean head, int status, Map<String, List<String>> headers, long deadline, int max) throws IOException {
        if (head || status == 204 || status == 304 || status == 101) {
            return new byte[0];
        }
        if (has(headers, "transfer-encoding", "chunked")) {
            if (headers.containsKey("content-length")) {
                reusable = false; // RFC 9112 6.3: chunked wins, and the connection must not be reused
            }
            return chunked(deadline, max);
        }
        List<String> length = headers.get("content-length");
        if (length != null) {
            long n = contentLength(length);
            if (n > max) {
                reusable = false;
                throw new BodyTooLargeException();
            }
            byte[] body = new byte[(int) n];
            readFully(body, 0, body.length, deadline);
            return body;
        }
        reusable = false; // the body runs to the close
        Growing body = new Growing(max);
        // what arrived with the head is the body's start: a response that came in one segment
        // ends with the close before any further read returns a byte
        do {
            body.append(buf, pos, lim - pos);
            pos = lim;
        } while (fill(deadline));
        return body.bytes();
    }

    /**
     * The one length the Content-Length fields give (RFC 9112 6.3: repeated equal values are one);
     * an IOException for anything else, so that a bad length is a failed call, never a wrong body.
     */
    private long contentLength(List<String> fields) throws IOException {
        long n = -1;
        for (String field : fields) {
            for (String value : field.split(",", -1)) {
                String v = value.strip();
                // digits only: Long.parseLong would take "+5" and "-5"
                if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    reusable = false;
                    throw new IOException("a malformed Content-Length: '" + abbreviate(field) + "'");
                }
                long k = Long.parseLong(v);
                if (n >= 0 && k != n) {
                    reusable = false;
                    throw new IOException("conflicting Content-Length values: " + abbreviate(String.join(", ", fields)));
                }
                n = k;
            }
        }
        return n;
    }

    private byte[] chunked(long deadline, int max) throws IOException {
        Growing body = new Growing(max);
        while (true) {
            String sizeLine = line(deadline);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                reusable = false;
                throw new IOException("a malformed chunk size: '" + abbreviate(sizeLine) + "'");
            }
            if (size == 0) {
                while (!line(deadline).isEmpty()) {
                    // trailers: read to their blank line so the connection can be reused, then dropped: the proxy passes none on
                }
                return body.bytes();
            }
            if (size > max) {
                reusable = false;
                throw new BodyTooLargeException();
            }
            int start = body.reserve((int) size);
            readFully(body.array(), start, (int) size, deadline);
            line(deadline);
        }
    }

    private void readFully(byte[] into, int offset, int n, long deadline) throws IOException {
        while (n > 0) {
            if (pos == lim && !fill(deadline)) {
                throw new IOException("the connection closed mid-response");
            }
            int k = Math.min(n, lim - pos);
            System.arraycopy(buf, pos, into, offset, k);
            pos += k;
            offset += k;
            n -= k;
        }
    }

    private String line(long deadline) throws IOException {
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String s = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return s;
                }
            }
            int unread = lim - pos;
            if (unread == buf.length) {
                throw new IOException("a response header line longer than " + buf.length + " bytes");
            }
            if (!fill(deadline)) {
                throw new IOException(answered ? "the connection closed mid-response" : "the connection closed before an answer");
            }
            scanned = pos + unread; // fill moved the unread bytes to the front
        }
    }

    /** Moves what is unread to the front and reads more; false at the end of the stream. */
    private boolean fill(long deadline) throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        remainingMillis(deadline);
        int n;
        try {
            // no socket timeout: a timed read schedules and cancels a timer on every wait; the watchdog
            // closes a connection whose call is late instead (see expireIfLate)
            n = in.read(buf, lim, buf.length - lim);
        } catch (IOException e) {
            throw expired ? new SocketTimeoutException("the deadline passed") : e;
        }
        if (n < 0) {
            if (expired) {
                throw new SocketTimeoutException("the deadline passed");
            }
            reusable = false;
            return false;
        }
        answered = true;
        lim += n;
        return true;
    }

    /**
     * Closes the connection when the call under way has run past its deadline, which fails its
     * blocked read or write with a {@link SocketTimeoutException}. Called by the pool's watchdog,
     * from another thread.
     */
    void expireIfLate(long now) {
        long d = deadline;
        if (d != 0 && now - d > 0) {
            expired = true;
            reusable = false;
            try {
                plain.close();
            } catch (IOException e) {
                // closing a late call's socket: the call fails either way
            }
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("the deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static int status(String statusLine) throws IOException {
        int s = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("a malformed status: '" + abbreviate(statusLine) + "'");
            }
            s = s * 10 + (c - '0');
        }
        return s;
    }

    private static boolean has(Map<String, List<String>> headers, String name, String token) {
        List<String> values = headers.get(name);
        if (values != null) {
            for (String v : values) {
                for (int i = 0; i + token.length() <= v.length(); i++) {
                    if (v.regionMatches(true, i, token, 0, token.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** True when the last response left the connection ready for another request. */
    boolean reusable() {
        return reusable && !expired && !socket.isClosed();
    }

    /** True when the peer sent any byte of an answer to the last request: a failure after that cannot be retried. */
    boolean answered() {
        return answered;
    }

    /** True when the connection carried a request before the last one: a failure on it may only mean the peer closed it idle. */
    boolean reused() {
        return uses > 1;
    }

    boolean isClosed() {
        return socket.isClosed() || plain.isClosed();
    }

    void idle() {
        idleSince = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - idleSince;
    }

    @Override
    public void close() {
        reusable = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket we are done with: nothing is lost if the OS complains
        }
    }

    /** A body buffer that grows by doubling up to a bound. */
    private static final class Growing {
        private final int max;
        private byte[] bytes = new byte[1024];
        private int size;

        Growing(int max) {
            this.max = max;
        }

        void append(byte[] from, int offset, int n) throws BodyTooLargeException {
            int at = reserve(n);
            System.arraycopy(from, offset, bytes, at, n);
        }

        /** Makes room for {@code n} more bytes and returns where they go. */
        int reserve(int n) throws BodyTooLargeException {
            if ((long) size + n > max) {
                throw new BodyTooLargeException();
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(size + n, (long) bytes.length * 2)));
            }
            int at = size;
            size += n;
            return at;
        }

        byte[] array() {
            return bytes;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
