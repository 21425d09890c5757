package io.flightpath.bench.shadow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads HTTP/1.1 responses off one keep-alive connection with its own buffer: cheap, so the load generator stays light. Not thread-safe. */
final class ResponseReader {
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /** Reads one response (Content-Length or chunked body) and returns its status. */
    int next() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (h.regionMatches(true, 0, "transfer-encoding:", 0, 18) && h.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                skip(size);
                line();
            }
            line();
        } else if (length > 0) {
            skip(length);
        }
        return status;
    }

    private String line() throws IOException {
        int start = pos;
        while (true) {
            for (int i = start; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String s = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return s;
                }
            }
            start = lim - pos;
            fill();
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == lim) {
                fill();
            }
            int k = (int) Math.min(n, lim - pos);
            pos += k;
            n -= k;
        }
    }

    /** Moves what is unread to the front and reads more. */
    private void fill() throws IOException {
        int unread = lim - pos;
        if (unread == buf.length) {
            throw new IOException("a header line longer than " + buf.length + " bytes");
        }
        System.arraycopy(buf, pos, buf, 0, unread);
        pos = 0;
        lim = unread;
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            throw new IOException("the connection closed mid-response");
        }
        lim += n;
    }
}
