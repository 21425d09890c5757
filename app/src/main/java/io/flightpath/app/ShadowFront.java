package io.flightpath.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The legacy shape's Shadow: where it keeps its report, and what it calls as the experimental
 * side given the services path's face (the face itself, unless a test puts something between).
 */
record ShadowFront(Path dataDir, UnaryOperator<URI> experimental) {
    static ShadowFront at(Path dataDir) {
        return new ShadowFront(dataDir, UnaryOperator.identity());
    }
}
