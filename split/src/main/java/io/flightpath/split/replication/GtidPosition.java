package io.flightpath.split.replication;

import io.flightpath.core.FlightpathException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MariaDB GTID position, such as {@code 10-10-4711,11-11-12}: for each replication domain
 * the last transaction applied or logged (server id and sequence number). Sequence numbers only
 * grow inside a domain, so positions compare domain by domain.
 */
public record GtidPosition(Map<Long, Gtid> domains) {
    /** One domain's last transaction. */
    public record Gtid(long domain, long serverId, long sequence) {
        @Override
        public String toString() {
            return domain + "-" + serverId + "-" + sequence;
        }
    }

    public static final GtidPosition EMPTY = new GtidPosition(Map.of());

    public GtidPosition {
        domains = Collections.unmodifiableMap(new TreeMap<>(domains));
    }

    /** Parses MariaDB's text form; an empty or null text is the empty position. */
    public static GtidPosition parse(String text) {
        Map<Long, Gtid> domains = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return new GtidPosition(domains);
        }
        for (String part : text.trim().split("\\s*,\\s*")) {
            String[] fields = part.split("-");
            try {
                if (fields.length != 3) {
                    throw new NumberFormatException();
                }
                Gtid gtid = new Gtid(Long.parseUnsignedLong(fields[0]), Long.parseUnsignedLong(fields[1]), Long.parseUnsignedLong(fields[2]));
                if (domains.put(gtid.domain(), gtid) != null) {
                    throw FlightpathException.invalid("GTID position '%s' names domain %d twice", text, gtid.domain());
                }
            } catch (NumberFormatException e) {
                throw FlightpathException.invalid("not a GTID position: '%s' (expected domain-server-sequence, comma separated)", text);
            }
        }
        return new GtidPosition(domains);
    }

    public boolean isEmpty() {
        return domains.isEmpty();
    }

    /** The sequence number reached in {@code domain}; 0 when the domain has none yet. */
    public long sequence(long domain) {
        Gtid gtid = domains.get(domain);
        return gtid == null ? 0 : gtid.sequence();
    }

    /** Whether this position has reached {@code other} in every domain {@code other} names. */
    public boolean reached(GtidPosition other) {
        return other.domains.values().stream().allMatch(g -> Long.compareUnsigned(sequence(g.domain()), g.sequence()) >= 0);
    }

    /** Whether this position is beyond {@code other} in some domain {@code other} names. */
    public boolean passed(GtidPosition other) {
        return other.domains.values().stream().anyMatch(g -> Long.compareUnsigned(sequence(g.domain()), g.sequence()) > 0);
    }

    @Override
    public String toString() {
        return String.join(",", domains.values().stream().map(Gtid::toString).toList());
    }
}
