package io.flightpath.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.core.AccountSid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionsTest {
    @Test
    void aSessionExpiresAfterItsTimeAndItsTextNeverHoldsTheToken() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
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
                return now.get();
            }
        };
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(30));
        Session s = sessions.signIn(Session.Kind.ACCOUNT, AccountSid.parse("AC" + "0".repeat(32)), "secret-token");
        assertThat(s.id()).hasSize(64);
        assertThat(s.toString()).doesNotContain("secret-token").doesNotContain(s.id());
        now.set(now.get().plus(Duration.ofMinutes(29)));
        assertThat(sessions.find(s.id())).contains(s);
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThat(sessions.find(s.id())).isEmpty();
        assertThat(sessions.find("made-up")).isEmpty();
    }
}
