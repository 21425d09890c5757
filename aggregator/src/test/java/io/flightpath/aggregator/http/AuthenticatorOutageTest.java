package io.flightpath.aggregator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.control.api.Account;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.AccountService;
import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The authenticator while the control store is unreachable, slow, or answers again. */
class AuthenticatorOutageTest {
    static final Duration TTL = Duration.ofSeconds(60);
    final AccountSid sid = AccountSid.random();
    final Account account = new Account(sid, "acme", "active", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
    final MovableClock clock = new MovableClock();
    final Control control = new Control();
    final Authenticator auth = new Authenticator(control, clock, TTL,
            new Authenticator.Limits(20, 10, Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMillis(200)));

    @Test
    void aKnownAccountStaysAuthenticatedPastTheTtlWhileTheControlStoreIsUnreachable() {
        assertThat(auth.authenticate(basic("right"), "10.0.0.1")).contains(account);
        control.mode.set(Mode.DOWN);

        clock.advance(TTL.plusSeconds(1));
        assertThat(auth.authenticate(basic("right"), "10.0.0.1")).contains(account);
        clock.advance(Duration.ofMinutes(10));
        assertThat(auth.authenticate(basic("right"), "10.0.0.1")).contains(account);
        assertThatThrownBy(() -> auth.authenticate(basic("wrong"), "10.0.0.1")).as("only the remembered token is known")
                .isInstanceOf(FlightpathException.class);
    }

    @Test
    void aControlStoreThatHangsDoesNotHoldARememberedAccountsRequest() {
        assertThat(auth.authenticate(basic("right"), "10.0.0.1")).contains(account);
        control.mode.set(Mode.HANGS);
        clock.advance(TTL.plusSeconds(1));

        assertThat(auth.authenticate(basic("right"), "10.0.0.1")).contains(account);
        control.release.countDown();
    }

    @Test
    void pastTheTtlAReachableControlStoreDecides() {
        assertThat(auth.authenticate(basic("right"), "10.0.0.1")).contains(account);
        int lookups = control.lookups.get();
        assertThat(auth.authenticate(basic("right"), "10.0.0.1")).contains(account);
        assertThat(control.lookups.get()).as("within the ttl, from memory").isEqualTo(lookups);

        control.mode.set(Mode.REFUSES);
        clock.advance(TTL.plusSeconds(1));
        assertThat(auth.authenticate(basic("right"), "10.0.0.1")).as("a token revoked meanwhile").isEmpty();
        control.mode.set(Mode.DOWN);
        assertThatThrownBy(() -> auth.authenticate(basic("right"), "10.0.0.1")).as("forgotten, not remembered as good")
                .isInstanceOf(FlightpathException.class);
    }

    private String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    enum Mode { UP, DOWN, HANGS, REFUSES }

    final class Control implements AccountService {
        final AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
        final AtomicInteger lookups = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Optional<Account> authenticate(AccountSid s, String token) {
            lookups.incrementAndGet();
            switch (mode.get()) {
                case DOWN -> throw FlightpathException.unavailable("control store unreachable (test)");
                case HANGS -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw FlightpathException.unavailable("control store timed out (test)");
                }
                case REFUSES -> {
                    return Optional.empty();
                }
                default -> {
                    return s.equals(sid) && token.equals("right") ? Optional.of(account) : Optional.empty();
                }
            }
        }

        @Override
        public AccountCredentials create(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Account> find(AccountSid s) {
            throw new UnsupportedOperationException();
        }
    }

    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-06-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
