package io.flightpath.aggregator.http;

import io.flightpath.aggregator.twilio.PublicApiException;
import io.flightpath.aggregator.twilio.TwilioError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * application/x-www-form-urlencoded, read strictly (a POST body, a query string): a malformed
 * escape, bytes that are not UTF-8 and a NUL character are refused with 400 rather than stored as
 * U+FFFD or cut short by a C string somewhere downstream.
 */
final class FormData {
    private FormData() {
    }

    /** Each name's values, in order. */
    static Map<String, List<String>> parse(byte[] encoded) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= encoded.length; i++) {
            if (i == encoded.length || encoded[i] == '&') {
                if (i > start) {
                    pair(encoded, start, i, form);
                }
                start = i + 1;
            }
        }
        return form;
    }

    /** Refuses a query string that {@link #parse} would refuse; null is an empty one. */
    static void checkQuery(String query) {
        if (query != null) {
            parse(query.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void pair(byte[] encoded, int from, int to, Map<String, List<String>> form) {
        int eq = from;
        while (eq < to && encoded[eq] != '=') {
            eq++;
        }
        String name = decode(encoded, from, eq, null);
        String value = eq < to ? decode(encoded, eq + 1, to, name) : "";
        form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static String decode(byte[] encoded, int from, int to, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = encoded[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int hi = i + 2 < to ? Character.digit(encoded[i + 1], 16) : -1;
                int lo = i + 2 < to ? Character.digit(encoded[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw refused(name, "has a malformed %-escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw refused(name, "is not valid UTF-8");
        }
        if (text.indexOf('\0') >= 0) {
            throw refused(name, "contains a NUL character");
        }
        return text;
    }

    private static PublicApiException refused(String name, String problem) {
        return PublicApiException.badRequest(TwilioError.INVALID_PARAMETER,
                (name == null ? "A parameter name " : "The value of " + name + " ") + problem);
    }
}
