package io.flightpath.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** Bytes on a socket, for requests no HTTP client would send. */
final class RawHttp {
    private RawHttp() {
    }

    record Answer(int status, String head, String body) {
    }

    /** Sends {@code request} as it is and reads the answer until the server closes or the body ends. */
    static Answer exchange(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            String text = new String(readAnswer(socket.getInputStream()), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Answer(status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads the head, then Content-Length bytes of body (or up to the close). */
    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = -1;
        int headEnd = -1;
        try {
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
                if (headEnd < 0) {
                    String text = out.toString(StandardCharsets.ISO_8859_1);
                    if (text.endsWith("\r\n\r\n")) {
                        headEnd = out.size();
                        length = contentLength(text);
                        if (length == 0) {
                            break;
                        }
                    }
                } else if (length >= 0 && out.size() - headEnd >= length) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // a server that refuses may reset rather than close: what was read is the answer
        }
        return out.toByteArray();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }
}
