package io.flightpath.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The database account a local cluster creates on every server. The password is generated once
 * per cluster folder and kept in a file only its owner can read; it never appears in code or logs.
 */
public record DbCredentials(String user, String password) {
    static final String FILE = "credentials.properties";

    @Override
    public String toString() {
        return "DbCredentials[user=" + user + ", password=***]";
    }

    static DbCredentials generate() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        // hex only: safe to place inside a quoted SQL literal
        return new DbCredentials("flightpath", HexFormat.of().formatHex(secret));
    }

    static DbCredentials read(Path home) {
        Path file = home.resolve(FILE);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new ClusterException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String user = p.getProperty("user");
        String password = p.getProperty("password");
        if (user == null || password == null) {
            throw new ClusterException(file + " must hold user and password; run `cluster destroy` and `cluster up` to recreate it");
        }
        return new DbCredentials(user, password);
    }

    void write(Path home) {
        Path file = home.resolve(FILE);
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "database account of this local Flightpath cluster");
            }
        } catch (IOException e) {
            throw new ClusterException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
