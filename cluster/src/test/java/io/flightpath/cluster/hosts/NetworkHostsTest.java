package io.flightpath.cluster.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulated hosts: a server in one host's namespace is reached at its address, not once the host is cut, and again once restored. */
class NetworkHostsTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void aHostIsReachedAtItsAddressUntilItIsCutAndAgainOnceRestored() throws Exception {
        Assumptions.assumeTrue(NetworkHosts.unavailable().isEmpty(), () -> "skipped: " + NetworkHosts.unavailable().orElseThrow());
        Files.writeString(dir.resolve("hello.txt"), "from the host");
        Path java = Path.of(System.getProperty("java.home"), "bin", "jwebserver");
        Assumptions.assumeTrue(Files.isExecutable(java), "skipped: this JDK has no jwebserver");
        Process server = null;
        List<String> namespaces;
        try (NetworkHosts network = NetworkHosts.create()) {
            NetworkHosts.Host a = network.add("a");
            NetworkHosts.Host b = network.add("b");
            assertThat(a.address()).isNotEqualTo(b.address()).startsWith(network.seat().substring(0, network.seat().lastIndexOf('.')));
            server = new ProcessBuilder(a.exec(List.of(java.toString(), "-b", a.address(), "-p", "18080", "-d", dir.toString())))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
            URI page = URI.create("http://" + a.address() + ":18080/hello.txt");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(page).equals("from the host"));
            assertThat(loopbackOf(a)).as("the host's loopback is its own").isNotEqualTo("from the host");

            network.cut(a);
            assertThat(reachable(page)).isFalse();
            network.restore(a);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get(page).equals("from the host"));
            namespaces = network.hosts().stream().map(NetworkHosts.Host::namespace).toList();
        } finally {
            if (server != null) {
                server.destroyForcibly().waitFor();
            }
        }
        String left = new String(new ProcessBuilder("/usr/sbin/ip", "netns", "list").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(namespaces).allSatisfy(ns -> assertThat(left).doesNotContain(ns));
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private boolean reachable(URI uri) {
        try {
            get(uri);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the machine's own loopback answers on the port the host's server uses: not the host's server. */
    private String loopbackOf(NetworkHosts.Host host) {
        try {
            return get(URI.create("http://127.0.0.1:18080/hello.txt"));
        } catch (Exception e) {
            return "nothing on " + host.name() + "'s port at the machine's loopback";
        }
    }
}
