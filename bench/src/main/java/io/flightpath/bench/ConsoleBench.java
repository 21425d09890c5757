package io.flightpath.bench;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.AccountCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the web console takes to answer its account pages for an account with {@code records}
 * post-flight records (half calls, half messages, seeded into shard0): each page requested as a
 * signed-in browser does, one at a time after a warm-up, with the time to the last byte printed
 * as p50, p99 and max. The target the console is held to: under 300 ms.
 */
public final class ConsoleBench {
    static final int WARM_UP = 20;
    static final int REQUESTS = 100;
    private static final Pattern NEXT = Pattern.compile("href=\\\"(/calls\\?[^\\\"]*PageToken=[^\\\"]*)\\\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ConsoleBench() {
    }

    public static void run(PrintStream out, ApiStack.Starter stacks, long records) {
        Path home;
        try {
            home = Files.createTempDirectory("fp-console-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the bench cluster", e);
        }
        LocalCluster cluster = new LocalCluster(home, line -> { });
        try {
            out.println("flightpath: starting a local MariaDB cluster in " + home);
            cluster.up("127.0.0.1", io.flightpath.cluster.FreePorts.block("127.0.0.1", 4), 1);
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            try (ApiStack stack = stacks.start(cluster, "console_bench", token)) {
                AccountCredentials account = stack.createAccount("console bench");
                long started = System.nanoTime();
                new SeedRows(stack.shard0Database(), List.of(account.accountSid())).fill(records / 2, done -> { });
                out.printf("seeded %,d records (%,d calls, %,d messages) of one account in %.1f s%n", records, records / 2, records / 2,
                        (System.nanoTime() - started) / 1e9);
                measure(out, stack.console(), account);
            }
        } finally {
            cluster.destroy();
        }
    }

    private static void measure(PrintStream out, URI console, AccountCredentials account) {
        String cookie = signIn(console, account);
        String deep = "/calls";
        for (int i = 0; i < 10; i++) { // the tenth page, reached by its keyset token as the "Next page" link gives it
            Matcher next = NEXT.matcher(get(console, deep, cookie).body());
            if (!next.find()) {
                throw new IllegalStateException("no next page after " + deep);
            }
            deep = next.group(1).replace("&amp;", "&");
        }
        String call = "/calls/" + SeedRows.callSid(2).value();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("calls, first page", "/calls");
        pages.put("calls, page 11 (keyset token)", deep);
        pages.put("calls filtered (To, StartTime>)", "/calls?To=" + enc("+14155550100") + "&" + enc("StartTime>") + "=2025-01-01");
        pages.put("messages, first page", "/messages");
        pages.put("one call and its timeline", call);
        pages.put("usage per day (14 API reads)", "/usage");
        out.printf("%-34s %8s %8s %8s%n", "page (" + REQUESTS + " requests each)", "p50 ms", "p99 ms", "max ms");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            for (int i = 0; i < WARM_UP; i++) {
                get(console, page.getValue(), cookie);
            }
            if (!page.getValue().equals("/usage") && !get(console, page.getValue(), cookie).body().contains("class=\"sid\"")
                    && !page.getValue().startsWith("/calls/")) {
                throw new IllegalStateException("the console shows no record at " + page.getValue());
            }
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                long t = System.nanoTime();
                get(console, page.getValue(), cookie);
                nanos.add(System.nanoTime() - t);
            }
            nanos.sort(null);
            out.printf("%-34s %8.1f %8.1f %8.1f%n", page.getKey(), ms(nanos, 0.50), ms(nanos, 0.99), nanos.getLast() / 1e6);
        }
        out.println("target: every page under 300 ms");
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static String signIn(URI console, AccountCredentials account) {
        String form = "AccountSid=" + enc(account.accountSid().value()) + "&AuthToken=" + enc(account.authToken());
        HttpResponse<String> r = send(HttpRequest.newBuilder(console.resolve("/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        String set = r.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException("the console answered "
                + r.statusCode() + " to the sign-in, with no session cookie"));
        return set.substring(0, set.indexOf(';'));
    }

    private static HttpResponse<String> get(URI console, String path, String cookie) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(console.resolve(path)).header("Cookie", cookie).timeout(Duration.ofSeconds(30)).GET());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the console answered " + r.statusCode() + " to " + path);
        }
        return r;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
