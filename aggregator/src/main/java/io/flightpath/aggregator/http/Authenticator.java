package io.flightpath.aggregator.http;

import io.flightpath.aggregator.twilio.PublicApiException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP Basic authentication as AccountSid:AuthToken against the control service. A verified token
 * is remembered for {@code ttl} (one control lookup per account and ttl, not per request) and
 * compared with the one given in constant time; a refused one is remembered briefly, so that a
 * client repeating a wrong token costs no lookup. Failed attempts are throttled per client address
 * and per AccountSid: past the limit, attempts that a remembered token does not prove are answered
 * 429 (Twilio's 20429) until the window ends, so a guesser gets a few tries a minute, and the
 * account's own clients with a remembered token keep working. Past the ttl a remembered token is
 * checked again: the control service's answer counts when it comes within {@code
 * Limits.revalidateWait}; when it fails or is slower, the last known good answer stands (accounts
 * keep working while the control store is unreachable) and is asked again, in the background, at
 * most every ttl, until the control service answers. Thread-safe.
 */
public final class Authenticator {
    private static final int MAX_ENTRIES = 100_000;

    /**
     * How many failures a client address and an AccountSid may have per window, how long a refusal
     * is remembered, and how long a request waits for the control service to confirm a remembered
     * token past its ttl before the last known good answer stands.
     */
    public record Limits(int failuresPerClient, int failuresPerAccount, Duration window, Duration refusalTtl, Duration revalidateWait) {
        public static final Limits DEFAULT = new Limits(20, 10, Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMillis(500));

        public Limits(int failuresPerClient, int failuresPerAccount, Duration window, Duration refusalTtl) {
            this(failuresPerClient, failuresPerAccount, window, refusalTtl, DEFAULT.revalidateWait());
        }
    }

    private final AccountService accounts;
    private final Clock clock;
    private final Duration ttl;
    private final Limits limits;
    private final Map<AccountSid, Remembered> verified = new ConcurrentHashMap<>();
    private final Map<String, Instant> refused = new ConcurrentHashMap<>();
    private final FailedAttempts<String> byClient;
    private final FailedAttempts<AccountSid> byAccount;
    private final Map<AccountSid, CompletableFuture<Optional<Account>>> asking = new ConcurrentHashMap<>();

    private record Remembered(Account account, byte[] tokenHash, Instant until) {
    }

    public Authenticator(AccountService accounts, Clock clock, Duration ttl) {
        this(accounts, clock, ttl, Limits.DEFAULT);
    }

    public Authenticator(AccountService accounts, Clock clock, Duration ttl, Limits limits) {
        this.accounts = accounts;
        this.clock = clock;
        this.ttl = ttl;
        this.limits = limits;
        this.byClient = new FailedAttempts<>(limits.failuresPerClient(), limits.window(), MAX_ENTRIES);
        this.byAccount = new FailedAttempts<>(limits.failuresPerAccount(), limits.window(), MAX_ENTRIES);
    }

    /**
     * The account an Authorization header proves, or empty for a missing, malformed or wrong one.
     * Throws a 429 {@link PublicApiException} while {@code client} (an address) or the AccountSid
     * has had too many failures.
     */
    public Optional<Account> authenticate(String authorization, String client) {
        if (authorization == null) {
            return Optional.empty(); // no guess made: nothing to throttle
        }
        Instant now = clock.instant();
        Credentials given = Credentials.parse(authorization);
        if (given == null) {
            refuseIfThrottled(client, null, now);
            byClient.fail(client, now);
            return Optional.empty();
        }
        byte[] hash = sha256(given.token());
        Remembered hit = verified.get(given.sid());
        boolean remembered = hit != null && MessageDigest.isEqual(hit.tokenHash(), hash);
        if (remembered && now.isBefore(hit.until())) {
            return Optional.of(hit.account());
        }
        if (remembered) {
            return revalidate(given, hash, hit);
        }
        refuseIfThrottled(client, given.sid(), now);
        String refusal = given.sid() + ":" + HexFormat.of().formatHex(hash);
        Instant refusedUntil = refused.get(refusal);
        Optional<Account> account = refusedUntil != null && now.isBefore(refusedUntil)
                ? Optional.empty() : accounts.authenticate(given.sid(), given.token());
        if (account.isPresent()) {
            bounded(verified).put(given.sid(), new Remembered(account.get(), hash, now.plus(ttl)));
        } else {
            bounded(refused).put(refusal, now.plus(limits.refusalTtl()));
            byClient.fail(client, now);
            byAccount.fail(given.sid(), now);
        }
        return account;
    }

    /** Past the ttl: the control service decides if it answers in time, else the remembered answer stands. */
    private Optional<Account> revalidate(Credentials given, byte[] hash, Remembered hit) {
        CompletableFuture<Optional<Account>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Account>> pending = asking.putIfAbsent(given.sid(), mine);
        if (pending != null) {
            return Optional.of(hit.account()); // one question at a time; its answer lands in the cache
        }
        Thread.ofVirtual().name("auth-revalidate").start(() -> {
            try {
                Optional<Account> answer = accounts.authenticate(given.sid(), given.token());
                if (answer.isPresent()) {
                    verified.put(given.sid(), new Remembered(answer.get(), hash, clock.instant().plus(ttl)));
                } else {
                    verified.remove(given.sid(), hit); // the token was changed or the account removed
                }
                mine.complete(answer);
            } catch (RuntimeException e) {
                // unreachable or failing: the last known good answer stands for another ttl
                verified.replace(given.sid(), hit, new Remembered(hit.account(), hash, clock.instant().plus(ttl)));
                mine.completeExceptionally(e);
            } finally {
                asking.remove(given.sid(), mine);
            }
        });
        try {
            return mine.get(limits.revalidateWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Optional.of(hit.account());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(hit.account());
        }
    }

    private void refuseIfThrottled(String client, AccountSid sid, Instant now) {
        Optional<Duration> wait = byClient.blockedFor(client, now);
        if (wait.isEmpty() && sid != null) {
            wait = byAccount.blockedFor(sid, now);
        }
        if (wait.isPresent()) {
            throw PublicApiException.tooManyRequests(wait.get(), "Too many failed authentication attempts; retry later");
        }
    }

    private static <K, V> Map<K, V> bounded(Map<K, V> map) {
        if (map.size() >= MAX_ENTRIES) {
            map.clear(); // crude but bounded: a burst of new accounts costs one lookup each
        }
        return map;
    }

    private record Credentials(AccountSid sid, String token) {
        /** AccountSid:AuthToken from a Basic header; null when it is not one. */
        static Credentials parse(String authorization) {
            if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0 || !AccountSid.isValid(decoded.substring(0, colon))) {
                return null;
            }
            return new Credentials(AccountSid.parse(decoded.substring(0, colon)), decoded.substring(colon + 1));
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
