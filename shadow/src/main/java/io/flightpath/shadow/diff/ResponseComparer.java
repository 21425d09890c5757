package io.flightpath.shadow.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flightpath.shadow.diff.Difference.Kind;
import io.flightpath.shadow.rules.EndpointRules;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compares two responses: the status ({@code :status}), the headers the rules name
 * ({@code :header.NAME}), and the bodies: JSON field by field, other bodies as text
 * ({@code :body}), bodies that are not UTF-8 as bytes. Thread-safe.
 */
public final class ResponseComparer {
    // Exact decimals, so that 0.1 and 0.10000000001 differ unless a tolerance says otherwise.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public Comparison compare(Response stable, Response experimental, EndpointRules rules) {
        List<Difference> differences = new ArrayList<>();
        if (stable.status() != experimental.status()) {
            differences.add(new Difference(":status", ":status", Kind.VALUE,
                    Integer.toString(stable.status()), Integer.toString(experimental.status())));
        }
        for (String name : rules.headers()) {
            String a = stable.header(name);
            String b = experimental.header(name);
            if (a == null ? b != null : !a.equals(b)) {
                String field = ":header." + name;
                Kind kind = a == null ? Kind.EXTRA : b == null ? Kind.MISSING : Kind.VALUE;
                differences.add(new Difference(field, field, kind, a, b));
            }
        }
        Comparison body = body(stable.body(), experimental.body(), rules);
        differences.addAll(body.differences());
        return new Comparison(differences, body.ruled());
    }

    private static Comparison body(byte[] a, byte[] b, EndpointRules rules) {
        if (Arrays.equals(a, b)) {
            return new Comparison(List.of(), List.of()); // the common case: no need to parse
        }
        Optional<JsonNode> left = json(a);
        Optional<JsonNode> right = json(b);
        if (left.isPresent() && right.isPresent()) {
            return new JsonComparer(rules).compare(left.get(), right.get());
        }
        Difference d = new Difference(":body", ":body", Kind.VALUE, text(a), text(b));
        return new Comparison(List.of(d), List.of());
    }

    private static Optional<JsonNode> json(byte[] body) {
        int i = 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i == body.length || (body[i] != '{' && body[i] != '[')) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory", e);
        }
    }

    /** The body as text, or a note of its size when it is not UTF-8. */
    static String text(byte[] body) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            return JsonComparer.shown(s);
        } catch (CharacterCodingException e) {
            return "(" + body.length + " bytes, not UTF-8)";
        }
    }
}
