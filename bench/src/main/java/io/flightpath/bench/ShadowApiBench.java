package io.flightpath.bench;

import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.bench.shadow.BenchBackend;
import io.flightpath.bench.shadow.ShadowBench;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench shadow} with the Flightpath API as a backend beside the trivial one: a stable and an
 * experimental stack, each with every service in this process on databases of its own on a
 * temporary local MariaDB cluster, the same account (copied) and the same calls created in both;
 * the load lists the account's calls and fetches one, straight and through Shadow.
 */
public final class ShadowApiBench {
    private static final int CALLS = 20;
    private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"(CA[0-9a-f]{32})\"");

    private ShadowApiBench() {
    }

    /** The standard plan (16 and 64 connections): the trivial backend, then the Flightpath API; a few minutes. */
    public static void run(PrintStream out, ApiStack.Starter stacks, Path tools) {
        run(out, ShadowBench.Plan.standard(), stacks, tools);
    }

    public static void run(PrintStream out, ShadowBench.Plan plan, ApiStack.Starter stacks, Path tools) {
        Path home;
        try {
            home = Files.createTempDirectory("fp-shadow-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the bench cluster", e);
        }
        LocalCluster cluster = new LocalCluster(home, line -> { });
        try {
            out.println("flightpath: starting a local MariaDB cluster in " + home);
            cluster.up("127.0.0.1", io.flightpath.cluster.FreePorts.block("127.0.0.1", 4), 1);
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            try (ApiStack stable = stacks.start(cluster, "shadow_bench_stable", token);
                 ApiStack experimental = stacks.start(cluster, "shadow_bench_experimental", token)) {
                AccountCredentials account = stable.createAccount("shadow bench");
                copyAccount(stable.controlDatabase(), experimental.controlDatabase(), account);
                String auth = "Basic " + Base64.getEncoder().encodeToString(
                        (account.accountSid() + ":" + account.authToken()).getBytes(StandardCharsets.UTF_8));
                String base = "/2010-04-01/Accounts/" + account.accountSid();
                List<String> calls = createCalls(stable.api(), base, auth);
                createCalls(experimental.api(), base, auth);
                Map<String, String> headers = Map.of("Authorization", auth);
                ShadowBench.run(out, plan, List.of(
                        new BenchBackend("flightpath list", stable.api(), experimental.api(), base + "/Calls.json?PageSize=" + CALLS, headers),
                        // the experimental stack made its own SIDs: it answers this one 404, which the report shows
                        new BenchBackend("flightpath fetch", stable.api(), experimental.api(), base + "/Calls/" + calls.getFirst() + ".json", headers)), tools);
            }
        } finally {
            cluster.destroy();
        }
    }

    /** The experimental stack gets the stable one's account row, so one Authorization header opens both. */
    private static void copyAccount(DatabaseConfig from, DatabaseConfig to, AccountCredentials account) {
        try (Connection c = DriverManager.getConnection(from.jdbcUrl(), from.user(), from.password());
             PreparedStatement s = c.prepareStatement("INSERT INTO `" + to.database() + "`.accounts SELECT * FROM accounts WHERE sid = ?")) {
            s.setString(1, account.accountSid().toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("copying the bench account into " + to.database(), e);
        }
    }

    private static List<String> createCalls(URI api, String base, String auth) {
        List<String> sids = new ArrayList<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < CALLS; i++) {
                String form = "To=" + URLEncoder.encode("+1415555" + String.format("%04d", i), StandardCharsets.UTF_8)
                        + "&From=%2B14155550100&Url=" + URLEncoder.encode("https://example.com/twiml", StandardCharsets.UTF_8);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve(base + "/Calls.json"))
                        .header("Authorization", auth).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = SID.matcher(r.body());
                if (r.statusCode() != 201 || !m.find()) {
                    throw new IllegalStateException("creating a bench call answered " + r.statusCode() + ": " + r.body());
                }
                sids.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("creating the bench calls", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the bench calls", e);
        }
        return sids;
    }
}
