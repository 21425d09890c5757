package io.flightpath.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** What a cluster folder holds, kept in cluster.json so that every command sees the same servers. */
record ClusterState(String host, int basePort, int shards) {
    static final String FILE = "cluster.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    ClusterLayout layout() {
        return new ClusterLayout(host, basePort);
    }

    static Optional<ClusterState> read(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ClusterState.class));
        } catch (IOException e) {
            throw new ClusterException("cannot read " + file + " (" + e.getMessage().lines().findFirst().orElse("") + "); "
                    + "fix or delete it, or run `cluster destroy`", e);
        }
    }

    void write(Path home) {
        Path file = home.resolve(FILE);
        Path partial = home.resolve(FILE + ".partial");
        try {
            JSON.writeValue(partial.toFile(), this);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ClusterException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
