package io.flightpath.bench.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightpath.bench.proc.ProcessCpu;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Shadow started as its own JVM ({@link ShadowProcess}) on this JVM's class path, as nginx is its
 * own process: the bench reads its CPU time from {@code /proc} and its counts from its JSON API.
 */
final class SeparateShadow implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI uri;
    private final URI adminUri;
    private final HttpClient http = HttpClient.newHttpClient();

    private SeparateShadow(Process process, URI uri, URI adminUri) {
        this.process = process;
        this.uri = uri;
        this.adminUri = adminUri;
    }

    static SeparateShadow start(URI stable, URI experimental, Path data) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the same memory settings and warnings switch as this JVM, nothing else (no agents, no recordings)
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("--sun-misc-unsafe-memory-access")) {
                command.add(a);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ShadowProcess.class.getName(),
                stable.toString(), experimental.toString(), data.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String last = null;
        // its log lines come first; the ports line once it listens, or the end if it failed
        while ((line = out.readLine()) != null && !line.startsWith("shadow ")) {
            last = line;
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IOException("Shadow's process did not start (last line: " + last + ")");
        }
        // keep reading what it logs from now on, or a full pipe would stall it
        Thread.ofVirtual().name("shadow-process-output").start(() -> {
            try {
                while (out.readLine() != null) {
                    // dropped: the bench prints its own figures
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
        String[] ports = line.split(" ");
        return new SeparateShadow(p, URI.create("http://127.0.0.1:" + ports[1]), URI.create("http://127.0.0.1:" + ports[2]));
    }

    URI uri() {
        return uri;
    }

    /** CPU time the process has used so far, in nanoseconds. */
    long cpuNanos() {
        return ProcessCpu.of(process.pid()).toNanos();
    }

    /** Requests and dropped (not mirrored, the mirror full) so far over every endpoint, from the report's JSON API. */
    long[] counts() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(adminUri.resolve("/api/endpoints")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("Shadow's report answered " + r.statusCode() + ": " + r.body());
        }
        long[] c = new long[2];
        for (JsonNode e : JSON.readTree(r.body())) {
            c[0] += e.path("requests").asLong();
            c[1] += e.path("dropped").asLong();
        }
        return c;
    }

    @Override
    public void close() throws InterruptedException {
        http.close();
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the process ended first
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
