package io.flightpath.cluster;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a block of consecutive free ports for a throwaway cluster (tests, benchmarks). A port
 * free now may be taken before the server binds it; the cluster checks each port again as it starts.
 */
public final class FreePorts {
    private static final int ATTEMPTS = 50;
    private static final int LOWEST = 20_000;
    private static final int EPHEMERAL = 32_768;

    private FreePorts() {
    }

    /** The first port of {@code size} consecutive ports on {@code host}, each free right now. */
    public static int block(String host, int size) {
        if (size < 1 || size > EPHEMERAL - LOWEST - 1) {
            throw new IllegalArgumentException("size must be 1.." + (EPHEMERAL - LOWEST - 1) + ", was " + size);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // below Linux's usual ephemeral range (32768 and up): on a busy machine an outgoing
            // connection could otherwise take a port between this check and the server's bind
            int base = ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL - size);
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
