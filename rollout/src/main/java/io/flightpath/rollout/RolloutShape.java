package io.flightpath.rollout;

import io.flightpath.core.FlightpathException;
import io.flightpath.flags.Flag;
import io.flightpath.flags.FlagSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the serving nodes of the legacy shape stand on the walk to the services, in the order the
 * rollout moves them: one value of the node-wide flag {@value #FLAG}, which the rollout sets for
 * everyone (a 100 % rollout) and every node adopts before it acknowledges the flags version, so a
 * wait for the acknowledgements is a wait for every node to be in the new shape. Each shape keeps
 * what the ones before it turned on.
 */
public enum RolloutShape {
    /** The legacy path for accounts the services-path flag leaves there; the services in front of the legacy tables. */
    LEGACY,
    /** Also: every read through the legacy path is copied to Shadow, which compares it with the services path. */
    SHADOWED,
    /** New records go to the dedicated in-flight database; the legacy in-flight rows finish where they are. */
    DEDICATED_INFLIGHT,
    /** Every insert into the legacy tables writes the shard key. */
    KEYED_WRITES,
    /** The post-flight service routes by the shard maps (the legacy tables are shard0); the legacy path is off. */
    SHARD_ROUTER;

    public static final String FLAG = "rollout-shape";

    /** The flag's value for this shape. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean atLeast(RolloutShape other) {
        return compareTo(other) >= 0;
    }

    /** The variants the flag is created with, in order. */
    public static List<String> variants() {
        return Arrays.stream(values()).map(RolloutShape::value).toList();
    }

    public static RolloutShape parse(String value) {
        for (RolloutShape s : values()) {
            if (s.value().equals(value)) {
                return s;
            }
        }
        throw FlightpathException.invalid("%s has no shape '%s' (one of %s)", FLAG, value, variants());
    }

    /**
     * The shape a snapshot sets: the flag's value for everyone, LEGACY while the flag does not exist
     * or is killed. A rollout below 100 % does not count: a node-wide shape is all or nothing.
     */
    public static RolloutShape of(FlagSnapshot snapshot) {
        return of(snapshot.flags().get(FLAG));
    }

    /** The shape the flag {@value #FLAG} sets; LEGACY for null (no such flag). */
    public static RolloutShape of(Flag flag) {
        if (flag == null || flag.killed()) {
            return LEGACY;
        }
        if (flag.rollout() != null && flag.rollout().percent() >= 100) {
            return parse(flag.rollout().value());
        }
        return parse(flag.defaultValue());
    }
}
