package io.flightpath.aggregator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.aggregator.twilio.PublicApiException;
import io.flightpath.control.api.Account;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.AccountService;
import io.flightpath.core.AccountSid;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Basic auth in front of the control store: what it remembers, and how it slows a guesser down. */
class AuthenticatorTest {
    static final AccountSid ALICE = AccountSid.parse("AC" + "a".repeat(32));
    static final AccountSid BOB = AccountSid.parse("AC" + "b".repeat(32));
    static final Authenticator.Limits LIMITS = new Authenticator.Limits(5, 3, Duration.ofMinutes(1), Duration.ofSeconds(10));

    /** Two accounts with fixed tokens, counting the lookups that reach it. */
    static final class Accounts implements AccountService {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public AccountCredentials create(String friendlyName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Account> authenticate(AccountSid sid, String token) {
            lookups.incrementAndGet();
            boolean right = sid.equals(ALICE) && token.equals("alice-token") || sid.equals(BOB) && token.equals("bob-token");
            return right ? find(sid) : Optional.empty();
        }

        @Override
        public Optional<Account> find(AccountSid sid) {
            return Optional.of(new Account(sid, "test", "active", Instant.EPOCH, Instant.EPOCH));
        }
    }

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Accounts accounts = new Accounts();
    final Hands clock = new Hands();
    final Authenticator auth = new Authenticator(accounts, clock, Duration.ofMinutes(1), LIMITS);

    static String basic(AccountSid sid, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aVerifiedTokenIsRememberedAndAnotherTokenNeverMatchesIt() {
        assertThat(auth.authenticate(basic(ALICE, "alice-token"), "10.0.0.1")).isPresent();
        assertThat(auth.authenticate(basic(ALICE, "alice-token"), "10.0.0.1")).isPresent();
        assertThat(accounts.lookups).hasValue(1);

        assertThat(auth.authenticate(basic(ALICE, "alice-tokeN"), "10.0.0.1")).isEmpty();
        assertThat(auth.authenticate(basic(ALICE, "alice-token-and-more"), "10.0.0.1")).isEmpty();
    }

    @Test
    void aRepeatedWrongTokenCostsOneLookupUntilItsRefusalIsForgotten() {
        assertThat(auth.authenticate(basic(ALICE, "wrong"), "10.0.0.1")).isEmpty();
        assertThat(auth.authenticate(basic(ALICE, "wrong"), "10.0.0.2")).isEmpty();
        assertThat(accounts.lookups).hasValue(1);

        clock.now = clock.now.plus(LIMITS.refusalTtl());
        assertThat(auth.authenticate(basic(ALICE, "wrong"), "10.0.0.3")).isEmpty();
        assertThat(accounts.lookups).hasValue(2);
    }

    @Test
    void failuresFromOneAddressAreAnswered429UntilTheWindowEnds() {
        for (int i = 0; i < LIMITS.failuresPerClient(); i++) {
            AccountSid someone = AccountSid.parse("AC" + String.format("%032x", i));
            assertThat(auth.authenticate(basic(someone, "guess"), "10.0.0.9")).isEmpty();
        }

        assertThatThrownBy(() -> auth.authenticate(basic(BOB, "bob-token"), "10.0.0.9"))
                .isInstanceOfSatisfying(PublicApiException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(429);
                    assertThat(e.error().code()).isEqualTo(20429);
                    assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(LIMITS.window());
                });
        assertThat(auth.authenticate(basic(BOB, "bob-token"), "10.0.0.10")).as("another address").isPresent();
        int lookups = accounts.lookups.get();
        assertThatThrownBy(() -> auth.authenticate("Basic not-base64!", "10.0.0.9")).isInstanceOf(PublicApiException.class);
        assertThat(accounts.lookups).as("a throttled attempt reaches no store").hasValue(lookups);

        clock.now = clock.now.plus(LIMITS.window());
        assertThat(auth.authenticate(basic(BOB, "bob-token"), "10.0.0.9")).isPresent();
    }

    @Test
    void failuresAgainstOneAccountFromManyAddressesAreThrottledButItsRememberedTokenStillWorks() {
        assertThat(auth.authenticate(basic(ALICE, "alice-token"), "10.0.0.1")).isPresent();
        for (int i = 0; i < LIMITS.failuresPerAccount(); i++) {
            assertThat(auth.authenticate(basic(ALICE, "guess-" + i), "192.168.0." + i)).isEmpty();
        }

        assertThatThrownBy(() -> auth.authenticate(basic(ALICE, "guess-next"), "192.168.1.1"))
                .isInstanceOfSatisfying(PublicApiException.class, e -> assertThat(e.error().code()).isEqualTo(20429));
        assertThat(auth.authenticate(basic(ALICE, "alice-token"), "10.0.0.1")).as("the owner's remembered token").isPresent();
        assertThat(auth.authenticate(basic(BOB, "bob-token"), "192.168.1.1")).as("another account").isPresent();
    }

    @Test
    void noHeaderIsNoGuessAndIsNeverThrottled() {
        for (int i = 0; i < 3 * LIMITS.failuresPerClient(); i++) {
            assertThat(auth.authenticate(null, "10.0.0.1")).isEmpty();
        }
        assertThat(auth.authenticate(basic(ALICE, "alice-token"), "10.0.0.1")).isPresent();
    }
}
