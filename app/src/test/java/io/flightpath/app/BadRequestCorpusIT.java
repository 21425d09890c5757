package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The corpus of bad requests in {@code bad-requests.tsv}, each sent as bytes to a running public
 * API: every answer has Twilio's error shape and the expected status and code, none is a 5xx, and
 * the records of both accounts are what they were before.
 */
@ExtendWith(SharedCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadRequestCorpusIT {
    static final Pattern REPEAT = Pattern.compile("\\{repeat:(\\d+):([^}]*)}");
    static RunningStack stack;
    static AccountCredentials alice;
    static AccountCredentials bob;
    static ApiClient asAlice;
    static ApiClient asBob;
    static Map<String, String> names;

    /** One line of the corpus. */
    record BadRequest(int line, int status, int code, String auth, String method, String target, String contentType, String body, String why) {
        static BadRequest parse(int line, String text) {
            String[] c = text.split("\t", -1);
            if (c.length != 8) {
                throw new IllegalArgumentException("bad-requests.tsv line " + line + ": 8 columns expected, was " + c.length);
            }
            return new BadRequest(line, Integer.parseInt(c[0]), Integer.parseInt(c[1]), c[2], c[3], c[4], c[5], c[6], c[7]);
        }
    }

    record Answer(int status, String head, String body) {
    }

    @BeforeAll
    static void start() {
        stack = new RunningStack(Map.of());
        alice = stack.newAccount();
        bob = stack.newAccount();
        asAlice = stack.client(alice);
        asBob = stack.client(bob);
        String call = PublicApiIT.createCall(asAlice, alice).get("sid").asText();
        PublicApiIT.createCall(asAlice, alice);
        String bobCall = PublicApiIT.createCall(asBob, bob).get("sid").asText();
        ApiClient.Reply message = asAlice.post(PublicApiIT.messages(alice) + ".json",
                Map.of("To", "+14155550100", "From", "+14155550199", "Body", "kept as it is"));
        assertThat(message.status()).isEqualTo(201);
        String next = asAlice.get(PublicApiIT.calls(alice) + ".json?PageSize=1").json().get("next_page_uri").asText();
        String token = next.substring(next.indexOf("PageToken=") + "PageToken=".length());
        names = Map.of("{alice}", alice.accountSid().value(), "{bob}", bob.accountSid().value(), "{call}", call,
                "{message}", message.json().get("sid").asText(), "{bobcall}", bobCall, "{token}", token,
                "{auth}", basic(alice.accountSid().value(), alice.authToken()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    @Order(1)
    void everyBadRequestGetsItsTwilioErrorAndChangesNothing() throws IOException {
        List<BadRequest> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        Map<String, Object> before = records();

        SoftAssertions softly = new SoftAssertions();
        for (BadRequest request : corpus) {
            Answer answer = send(request);
            String what = "line " + request.line() + " (" + request.why() + "): " + answer.head().lines().findFirst().orElse("") + " " + answer.body();
            softly.assertThat(answer.status()).as(what).isLessThan(500).isEqualTo(request.status());
            JsonNode json = json(answer.body());
            softly.assertThat(json).as(what).isNotNull();
            if (json != null) {
                softly.assertThat(json.path("code").isInt()).as(what).isTrue();
                softly.assertThat(json.path("code").asInt()).as(what).isEqualTo(request.code());
                softly.assertThat(json.path("status").asInt()).as(what).isEqualTo(answer.status());
                softly.assertThat(json.path("message").asText()).as(what).isNotBlank();
                softly.assertThat(json.path("more_info").asText()).as(what).isEqualTo("https://www.twilio.com/docs/errors/" + request.code());
            }
        }
        softly.assertAll();

        assertThat(records()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void failedSignInsAreThrottledWith429AndTheOwnersRememberedTokenStillWorks() {
        ApiClient guesser = new ApiClient(stack.api(), alice.accountSid().value(), "not-the-token");
        ApiClient.Reply last = null;
        for (int i = 0; i < 30 && (last == null || last.status() == 401); i++) {
            last = guesser.get(PublicApiIT.calls(alice) + ".json");
        }

        PublicApiIT.assertTwilioError(last, 429, 20429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(asAlice.get(PublicApiIT.calls(alice) + ".json").status()).isEqualTo(200);
    }

    /** What the two accounts hold: their call and message SIDs and statuses, and alice's message bodies. */
    private static Map<String, Object> records() {
        return Map.of("alice calls", listed(asAlice, PublicApiIT.calls(alice), "calls"),
                "alice messages", listed(asAlice, PublicApiIT.messages(alice), "messages"),
                "bob calls", listed(asBob, PublicApiIT.calls(bob), "calls"));
    }

    private static List<String> listed(ApiClient client, String resource, String key) {
        List<String> records = new ArrayList<>();
        for (JsonNode r : client.get(resource + ".json?PageSize=1000").json().get(key)) {
            records.add(r.get("sid").asText() + " " + r.get("status").asText() + " " + r.path("body").asText()
                    + " " + r.get("to").asText() + " " + r.get("from").asText());
        }
        return records;
    }

    private static List<BadRequest> corpus() throws IOException {
        Path file;
        try {
            file = Path.of(BadRequestCorpusIT.class.getResource("/bad-requests.tsv").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<BadRequest> corpus = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#")) {
                corpus.add(BadRequest.parse(i + 1, line));
            }
        }
        return corpus;
    }

    private static Answer send(BadRequest request) {
        URI api = stack.api();
        byte[] bytes;
        if (request.method().equals("RAW")) {
            bytes = unescape(expand(request.target()));
        } else {
            byte[] body = request.body().equals("-") ? new byte[0] : unescape(expand(request.body()));
            StringBuilder head = new StringBuilder(request.method() + " " + expand(request.target()) + " HTTP/1.1\r\n")
                    .append("Host: ").append(api.getHost()).append(':').append(api.getPort()).append("\r\n");
            String authorization = authorization(request.auth());
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (!request.contentType().equals("-")) {
                String type = request.contentType().equals("form") ? "application/x-www-form-urlencoded" : request.contentType();
                head.append("Content-Type: ").append(type).append("\r\n");
            }
            if (body.length > 0 || request.method().equals("POST")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
            bytes = new byte[h.length + body.length];
            System.arraycopy(h, 0, bytes, 0, h.length);
            System.arraycopy(body, 0, bytes, h.length, body.length);
        }
        return exchange(api, bytes);
    }

    private static String authorization(String who) {
        return switch (who) {
            case "alice" -> basic(alice.accountSid().value(), alice.authToken());
            case "bob" -> basic(bob.accountSid().value(), bob.authToken());
            case "wrong" -> basic(alice.accountSid().value(), "not-" + alice.authToken());
            case "junk" -> "Basic !!not base64!!";
            case "bearer" -> "Bearer " + alice.authToken();
            case "none" -> null;
            default -> throw new IllegalArgumentException("unknown credentials " + who);
        };
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String expand(String text) {
        String out = text.startsWith("~") || text.contains(" ~/")
                ? text.replace("~/", "/2010-04-01/Accounts/{alice}/") : text;
        for (Map.Entry<String, String> name : names.entrySet()) {
            out = out.replace(name.getKey(), name.getValue());
        }
        Matcher m = REPEAT.matcher(out);
        StringBuilder repeated = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(repeated, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(repeated).toString();
    }

    /** The corpus's escapes to bytes: \r \n \t \\ and \xHH; every other character as its UTF-8. */
    private static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                switch (next) {
                    case 'r' -> out.write('\r');
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case 'x' -> {
                        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> out.write(next);
                }
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** Writes the request, reads to the close (every request asks for one) and takes the answer apart. */
    private static Answer exchange(URI api, byte[] request) {
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(5_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (SocketException refusedEarly) {
                // the server may answer and close before it took the whole request: read its answer
            }
            byte[] all = readToClose(socket.getInputStream());
            String text = new String(all, StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Answer(status, head, body);
        } catch (java.net.SocketTimeoutException e) {
            return new Answer(-1, "no answer within 5 s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readToClose(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // a refusing server may reset after its answer: what was read is the answer
        }
        return out.toByteArray();
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }

    private static JsonNode json(String body) {
        try {
            return body.isBlank() ? null : Json.mapper().readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
