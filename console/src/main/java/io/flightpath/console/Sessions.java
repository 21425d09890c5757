package io.flightpath.console;

import io.flightpath.core.AccountSid;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-ins, in memory: a random id per sign-in that expires {@code ttl} after it was
 * made (a restart signs everyone out). Bounded: past {@link #MAX} the expired ones are dropped,
 * then the new sign-in is refused rather than an old one evicted. Thread-safe.
 */
final class Sessions {
    static final int MAX = 10_000;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    Sessions(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    Duration ttl() {
        return ttl;
    }

    Session signIn(Session.Kind kind, AccountSid account, String authToken) {
        if (live.size() >= MAX) {
            live.values().removeIf(s -> !s.expires().isAfter(clock.instant()));
            if (live.size() >= MAX) {
                throw new ConsoleError(503, "Too many people are signed in; try again later.");
            }
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        Session session = new Session(HexFormat.of().formatHex(id), kind, account, authToken, clock.instant().plus(ttl));
        live.put(session.id(), session);
        return session;
    }

    /** The live session of this id; an expired one is forgotten. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = live.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!s.expires().isAfter(clock.instant())) {
            live.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void signOut(String id) {
        if (id != null) {
            live.remove(id);
        }
    }
}
