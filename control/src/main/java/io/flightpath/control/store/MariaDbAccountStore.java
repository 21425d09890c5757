package io.flightpath.control.store;

import io.flightpath.control.api.Account;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.AccountService;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.Database;
import io.flightpath.store.Migrations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/** Accounts in the control database; tokens are kept as SHA-256 and compared in constant time. */
public final class MariaDbAccountStore implements AccountService {
    /** The control store's own schema. */
    public static final Migrations MIGRATIONS = new Migrations("db/control", "flyway_control_history");

    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public MariaDbAccountStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public AccountCredentials create(String friendlyName) {
        String name = friendlyName == null || friendlyName.isBlank() ? "Flightpath account" : friendlyName.strip();
        if (name.length() > 64) {
            throw FlightpathException.invalid("friendly name is %d characters; at most 64 are allowed", name.length());
        }
        AccountSid sid = AccountSid.random();
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (sid, friendly_name, status, auth_token_hash, "
                    + "date_created, date_updated) VALUES (?, ?, 'active', ?, ?, ?)")) {
                ps.setString(1, sid.value());
                ps.setString(2, name);
                ps.setString(3, hash(token));
                ps.setObject(4, now);
                ps.setObject(5, now);
                return ps.executeUpdate();
            }
        });
        return new AccountCredentials(sid, token, name);
    }

    @Override
    public Optional<Account> authenticate(AccountSid sid, String token) {
        if (token == null) {
            return Optional.empty();
        }
        return load(sid).filter(row -> MessageDigest.isEqual(
                row.tokenHash.getBytes(StandardCharsets.US_ASCII), hash(token).getBytes(StandardCharsets.US_ASCII)))
                .map(row -> row.account);
    }

    @Override
    public Optional<Account> find(AccountSid sid) {
        return load(sid).map(row -> row.account);
    }

    private record Row(Account account, String tokenHash) {
    }

    private Optional<Row> load(AccountSid sid) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM accounts WHERE sid = ?")) {
                ps.setString(1, sid.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<Row>empty();
                }
            }
        });
    }

    private static Row read(ResultSet rs) throws SQLException {
        Account account = new Account(AccountSid.parse(rs.getString("sid")), rs.getString("friendly_name"),
                rs.getString("status"), instant(rs, "date_created"), instant(rs, "date_updated"));
        return new Row(account, rs.getString("auth_token_hash"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
