package io.flightpath.cluster;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a block of consecutive free ports for a throwaway cluster (tests, benchmarks). A port
 * free now may be taken before the server binds it; the cluster checks each port again as it starts.
 */
public final class FreePorts {
    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    /** The first port of {@code size} consecutive ports on {@code host}, each free right now. */
    public static int block(String host, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // above the usual services and below the kernel's ephemeral range
            int base = ThreadLocalRandom.current().nextInt(30_000, 60_000 - size);
            boolean allFree = true;
            for (int port = base; port < base + size && allFree; port++) {
                allFree = LocalServer.portIsFree(host, port);
            }
            if (allFree) {
                return base;
            }
        }
        throw new ClusterException("no block of " + size + " free ports found on " + host + " after " + ATTEMPTS + " attempts");
    }
}
