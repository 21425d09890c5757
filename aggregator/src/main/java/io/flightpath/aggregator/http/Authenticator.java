package io.flightpath.aggregator.http;

import io.flightpath.control.api.Account;
import io.flightpath.control.api.AccountService;
import io.flightpath.core.AccountSid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic authentication as AccountSid:AuthToken against the control service, with recent
 * successes remembered for {@code ttl} so that a busy account costs one control lookup per ttl,
 * not one per request. Only successes are cached, keyed by a hash of the token. Thread-safe.
 */
public final class Authenticator {
    private static final int MAX_ENTRIES = 100_000;

    private final AccountService accounts;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    private record Remembered(Account account, Instant until) {
    }

    public Authenticator(AccountService accounts, Clock clock, Duration ttl) {
        this.accounts = accounts;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The account an Authorization header proves, or empty for a missing, malformed or wrong one. */
    public Optional<Account> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !AccountSid.isValid(decoded.substring(0, colon))) {
            return Optional.empty();
        }
        AccountSid sid = AccountSid.parse(decoded.substring(0, colon));
        String token = decoded.substring(colon + 1);
        String key = sid + ":" + sha256(token);
        Instant now = clock.instant();
        Remembered hit = recent.get(key);
        if (hit != null && now.isBefore(hit.until())) {
            return Optional.of(hit.account());
        }
        Optional<Account> account = accounts.authenticate(sid, token);
        account.ifPresent(a -> {
            if (recent.size() >= MAX_ENTRIES) {
                recent.clear(); // crude but bounded: a burst of new accounts costs one lookup each
            }
            recent.put(key, new Remembered(a, now.plus(ttl)));
        });
        return account;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
