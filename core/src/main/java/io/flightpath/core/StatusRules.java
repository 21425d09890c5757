package io.flightpath.core;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One status enum's transition table. Statuses without an entry have no moves out, which is
 * how post-flight statuses are kept final.
 */
final class StatusRules<S extends Enum<S> & RecordStatus> {

    private final S[] values;
    private final String kind;
    private final Map<S, Set<S>> next;

    /** {@code kind} names the status type in error messages, e.g. "call status". */
    StatusRules(Class<S> type, String kind) {
        this.values = type.getEnumConstants();
        this.kind = kind;
        this.next = new EnumMap<>(type);
    }

    StatusRules<S> allow(S from, Set<S> to) {
        if (from.isPostFlight() || to.contains(from)) {
            throw new IllegalArgumentException("post-flight statuses are final and a status cannot move to itself: " + from);
        }
        next.put(from, EnumSet.copyOf(to));
        return this;
    }

    boolean allows(S from, S to) {
        Objects.requireNonNull(to, "next status");
        Set<S> allowed = next.get(from);
        return allowed != null && allowed.contains(to);
    }

    void check(S from, S to) {
        if (!allows(from, to)) {
            throw FlightpathException.failedPrecondition("%s cannot move from %s to %s", kind, from.wire(), to.wire());
        }
    }

    S fromWire(String word) {
        return WireWords.lookup(values, RecordStatus::wire, kind, word);
    }
}
