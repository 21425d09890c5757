package io.flightpath.cluster.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hosts of a deployment simulated on one Linux machine: each host is a network namespace with an
 * address of its own on a private /24, joined to a bridge in the machine's own namespace by a
 * veth pair. The machine's namespace has the network's first address, so the commands that run
 * here (the operator's seat) reach every host; processes started with {@link Host#exec} live in
 * their host's namespace and see only that network and their own loopback. Needs root and
 * iproute2; {@link #unavailable()} says why not when they are missing. Closing removes every
 * namespace and the bridge; processes still running in a namespace lose their network.
 */
public final class NetworkHosts implements AutoCloseable {
    private static final Path IP = Path.of("/usr/sbin/ip");

    /** One simulated host: its name, namespace and address. */
    public record Host(String name, String namespace, String address, String link) {
        /** {@code command} run inside this host's namespace. */
        public List<String> exec(List<String> command) {
            List<String> all = new ArrayList<>(List.of(IP.toString(), "netns", "exec", namespace));
            all.addAll(command);
            return all;
        }
    }

    private final String tag;
    private final String subnet;
    private final String bridge;
    private final List<Host> hosts = new ArrayList<>();

    private NetworkHosts(String tag, String subnet) {
        this.tag = tag;
        this.subnet = subnet;
        this.bridge = "fp" + tag + "br";
    }

    /** Why hosts cannot be made here, or empty when they can (root, iproute2, namespaces allowed). */
    public static Optional<String> unavailable() {
        if (!Files.isExecutable(IP)) {
            return Optional.of("iproute2's " + IP + " is not installed");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("network namespaces need root; running as " + System.getProperty("user.name"));
        }
        String probe = "fpprobe" + ThreadLocalRandom.current().nextInt(100_000);
        try {
            run(List.of(IP.toString(), "netns", "add", probe));
            run(List.of(IP.toString(), "netns", "del", probe));
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of("this machine refuses network namespaces: " + e.getMessage());
        }
    }

    /** A new, empty network on a free 10.201.X.0/24 with its bridge; hosts are added with {@link #add}. */
    public static NetworkHosts create() {
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100, 1000));
        int third = ThreadLocalRandom.current().nextInt(1, 255);
        NetworkHosts hosts = new NetworkHosts(tag, "10.201." + third);
        try {
            run(List.of(IP.toString(), "link", "add", hosts.bridge, "type", "bridge"));
            run(List.of(IP.toString(), "addr", "add", hosts.subnet + ".1/24", "dev", hosts.bridge));
            run(List.of(IP.toString(), "link", "set", hosts.bridge, "up"));
            return hosts;
        } catch (RuntimeException e) {
            hosts.close();
            throw e;
        }
    }

    /** The machine's own address on the network: where the hosts reach the operator's seat. */
    public String seat() {
        return subnet + ".1";
    }

    /** A new host called {@code name} (letters and digits, at most 8), with the network's next address. */
    public synchronized Host add(String name) {
        if (!name.matches("[a-z][a-z0-9]{0,7}")) {
            throw new IllegalArgumentException("a host name is 1-8 lowercase letters or digits, was '" + name + "'");
        }
        int n = hosts.size() + 2;
        if (n > 254) {
            throw new IllegalStateException("the network has room for 253 hosts");
        }
        Host host = new Host(name, "fp" + tag + "-" + name, subnet + "." + n, "fp" + tag + "v" + n);
        run(List.of(IP.toString(), "netns", "add", host.namespace()));
        hosts.add(host);
        run(List.of(IP.toString(), "link", "add", host.link(), "type", "veth", "peer", "name", "eth0", "netns", host.namespace()));
        run(List.of(IP.toString(), "link", "set", host.link(), "master", bridge));
        run(List.of(IP.toString(), "link", "set", host.link(), "up"));
        run(List.of(IP.toString(), "-n", host.namespace(), "addr", "add", host.address() + "/24", "dev", "eth0"));
        run(List.of(IP.toString(), "-n", host.namespace(), "link", "set", "eth0", "up"));
        run(List.of(IP.toString(), "-n", host.namespace(), "link", "set", "lo", "up"));
        return host;
    }

    /** Takes the host off the network (its link down): nothing reaches it and it reaches nothing. */
    public void cut(Host host) {
        run(List.of(IP.toString(), "-n", host.namespace(), "link", "set", "eth0", "down"));
    }

    /** Puts a cut host back on the network. */
    public void restore(Host host) {
        run(List.of(IP.toString(), "-n", host.namespace(), "link", "set", "eth0", "up"));
    }

    public synchronized List<Host> hosts() {
        return List.copyOf(hosts);
    }

    @Override
    public synchronized void close() {
        for (Host h : hosts.reversed()) {
            quietly(List.of(IP.toString(), "netns", "del", h.namespace()));
        }
        hosts.clear();
        quietly(List.of(IP.toString(), "link", "del", bridge));
    }

    private static void quietly(List<String> command) {
        try {
            run(command);
        } catch (IllegalStateException e) {
            // already gone: removing is idempotent
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
