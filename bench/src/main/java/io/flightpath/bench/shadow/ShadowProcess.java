package io.flightpath.bench.shadow;

import io.flightpath.shadow.ShadowConfig;
import io.flightpath.shadow.ShadowProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Shadow in a process of its own for {@code bench shadow}, so that its CPU time can be read from
 * {@code /proc} apart from the load's and the backends'. Arguments: the stable URL, the
 * experimental URL, the data folder. Prints {@code shadow PORT ADMIN_PORT} once it listens and
 * runs until its standard input closes.
 */
public final class ShadowProcess {
    private ShadowProcess() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ShadowProcess STABLE_URL EXPERIMENTAL_URL DATA_DIR");
            System.exit(2);
        }
        try (ShadowProxy shadow = ShadowProxy.start(ShadowConfig.builder(URI.create(args[0]), URI.create(args[1]))
                .dataDir(Path.of(args[2])).build())) {
            System.out.println("shadow " + shadow.port() + " " + shadow.adminPort());
            System.out.flush();
            // the bench closes this stream to stop it, and so does its death
            while (System.in.read() >= 0) {
                // nothing is sent on it
            }
        }
    }
}
