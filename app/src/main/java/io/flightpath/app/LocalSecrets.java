package io.flightpath.app;

import io.flightpath.core.FlightpathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The internal token of a local installation: generated once, kept in the cluster folder where
 * only its owner can read it, shared by the services and the load generator.
 */
final class LocalSecrets {
    static final String TOKEN_FILE = "internal-token";

    private LocalSecrets() {
    }

    static String internalToken(Path home) {
        Path file = home.resolve(TOKEN_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            PrivateFiles.write(file, token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return token;
        } catch (IOException e) {
            throw FlightpathException.internal("cannot read or create %s: %s", file, e.getMessage());
        }
    }
}
