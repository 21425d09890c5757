package io.flightpath.bench.shadow;

import io.flightpath.bench.proc.ProcessCpu;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * nginx's {@code mirror} in front of a stable and an experimental backend, for comparison, and on
 * a second port nginx's plain proxying to the stable one (the price of proxying without a mirror):
 * its own configuration and ports in a temporary folder, started and stopped by the bench.
 * Keep-alive to both upstreams, as Shadow has.
 */
final class NginxMirror implements AutoCloseable {
    private final Process process;
    private final Path folder;
    private final int port;
    private final int proxyPort;

    private NginxMirror(Process process, Path folder, int port, int proxyPort) {
        this.process = process;
        this.folder = folder;
        this.port = port;
        this.proxyPort = proxyPort;
    }

    /**
     * The machine's nginx binary, or else one unpacked earlier into {@code tools}, or else Debian's
     * nginx package fetched with {@code apt-get download} and unpacked there (never installed:
     * no service starts, nothing outside {@code tools} changes); empty when none of these works,
     * with the reason on {@code out}.
     */
    static Optional<Path> binary(Path tools, PrintStream out) throws InterruptedException {
        Optional<Path> installed = Stream.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx", "/usr/local/bin/nginx")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        if (installed.isPresent()) {
            return installed;
        }
        Path unpacked = tools.resolve("nginx").resolve("usr/sbin/nginx");
        if (Files.isExecutable(unpacked)) {
            return Optional.of(unpacked);
        }
        try {
            Path debs = Files.createDirectories(tools.resolve("nginx-debs"));
            out.println("nginx: fetching Debian's nginx package into " + debs + " (apt-get download; it is unpacked, not installed)");
            run(debs, "apt-get", "download", "nginx");
            try (Stream<Path> files = Files.list(debs)) {
                for (Path deb : files.filter(f -> f.getFileName().toString().startsWith("nginx_")).toList()) {
                    run(debs, "dpkg-deb", "-x", deb.toString(), tools.resolve("nginx").toString());
                }
            }
            if (Files.isExecutable(unpacked)) {
                return Optional.of(unpacked);
            }
            out.println("nginx: the package held no " + unpacked);
        } catch (IOException e) {
            out.println("nginx: cannot fetch it: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static void run(Path folder, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                    + said.lines().reduce((a, b) -> b).orElse(""));
        }
    }

    /** CPU time nginx's master and workers have used so far, in nanoseconds. */
    long cpuNanos() {
        return ProcessCpu.ofTree(process.pid()).toNanos();
    }

    static NginxMirror start(Path nginx, URI stable, URI experimental) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("shadow-bench-nginx");
        int port = freePort();
        int proxyPort = freePort();
        Files.writeString(folder.resolve("nginx.conf"), """
                worker_processes auto;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                  upstream stable { server %2$s; keepalive 128; keepalive_requests 1000000; }
                  upstream experimental { server %3$s; keepalive 128; keepalive_requests 1000000; }
                  server {
                    listen 127.0.0.1:%4$d;
                    keepalive_requests 1000000;
                    location / {
                      mirror /__mirror;
                      proxy_http_version 1.1; proxy_set_header Connection "";
                      proxy_pass http://stable;
                    }
                    location = /__mirror {
                      internal;
                      proxy_http_version 1.1; proxy_set_header Connection "";
                      proxy_pass http://experimental$request_uri;
                    }
                  }
                  server {
                    listen 127.0.0.1:%5$d;
                    keepalive_requests 1000000;
                    location / {
                      proxy_http_version 1.1; proxy_set_header Connection "";
                      proxy_pass http://stable;
                    }
                  }
                }
                """.formatted(folder, stable.getAuthority(), experimental.getAuthority(), port, proxyPort));
        Process p = new ProcessBuilder(nginx.toString(), "-p", folder.toString(), "-c", folder.resolve("nginx.conf").toString(),
                "-e", folder.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("stdout.log").toFile()).start();
        NginxMirror mirror = new NginxMirror(p, folder, port, proxyPort);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!mirror.answers()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                mirror.close();
                throw new IOException("nginx did not start: " + Files.readString(folder.resolve("stdout.log")));
            }
            Thread.sleep(50); // polling a port nginx opens on its own schedule
        }
        return mirror;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private boolean answers() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The mirroring port. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The plain proxying port: stable only, no mirror. */
    URI proxyUri() {
        return URI.create("http://127.0.0.1:" + proxyPort);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Folders.delete(folder);
    }
}
