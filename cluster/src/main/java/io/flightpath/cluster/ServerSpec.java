package io.flightpath.cluster;

import java.util.Objects;

/**
 * One MariaDB server of a local cluster: its name (also its folder), role, address and the
 * replication identity it needs to become a GTID source later (unique server id and GTID domain).
 */
public record ServerSpec(String name, Role role, String host, int port, int serverId, int gtidDomainId) {
    public ServerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(host, "host");
        if (!name.matches("[a-z][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("server name must be lowercase letters, digits or '-', was '" + name + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (serverId < 1) {
            throw new IllegalArgumentException("serverId must be >= 1, was " + serverId);
        }
    }

    public String address() {
        return host + ":" + port;
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + address() + "/" + database;
    }
}
