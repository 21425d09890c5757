package io.flightpath.cluster;

/** What a local MariaDB server stores. */
public enum Role {
    CONTROL, INFLIGHT, SHARD;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
