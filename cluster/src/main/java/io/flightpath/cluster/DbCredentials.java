package io.flightpath.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * A database login of a local cluster. The cluster keeps several, each with a password generated
 * once per cluster folder and kept in a file only its owner can read; none appears in code or
 * logs: the administrator (the cluster's own commands, tests and benchmarks; no service), root
 * (over the server's socket only) and one account per store owner ({@link DbAccount}).
 */
public record DbCredentials(String user, String password) {
    static final String FILE = "credentials.properties";
    static final String ADMIN = "flightpath";
    private static final String ROOT_PASSWORD = "root.password";

    @Override
    public String toString() {
        return "DbCredentials[user=" + user + ", password=***]";
    }

    /** 36 hex digits: safe to place inside a quoted SQL literal. */
    static String newPassword() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** The cluster's administrator. */
    static DbCredentials read(Path home) {
        Properties p = load(home);
        return new DbCredentials(required(home, p, "user"), required(home, p, "password"));
    }

    /** The account of one store owner. */
    static DbCredentials read(Path home, DbAccount account) {
        return new DbCredentials(account.user(), required(home, load(home), account.user() + ".password"));
    }

    /** Whether the file holds every login this version of the cluster makes: older folders had one account for everything. */
    static boolean complete(Path home) {
        Properties p = load(home);
        for (DbAccount a : DbAccount.values()) {
            if (p.getProperty(a.user() + ".password") == null) {
                return false;
            }
        }
        return p.getProperty(ROOT_PASSWORD) != null;
    }

    static void write(Path home, DbCredentials admin, String rootPassword, Map<DbAccount, String> accounts) {
        Path file = home.resolve(FILE);
        Properties p = new Properties();
        p.setProperty("user", admin.user());
        p.setProperty("password", admin.password());
        p.setProperty(ROOT_PASSWORD, rootPassword);
        accounts.forEach((a, password) -> p.setProperty(a.user() + ".password", password));
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "database accounts of this local Flightpath cluster");
            }
        } catch (IOException e) {
            throw new ClusterException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Properties load(Path home) {
        Path file = home.resolve(FILE);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new ClusterException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static String required(Path home, Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new ClusterException(home.resolve(FILE) + " has no " + key + " (it predates the per-store database accounts); "
                    + "run `cluster destroy` and `cluster up` to recreate it");
        }
        return value;
    }
}
