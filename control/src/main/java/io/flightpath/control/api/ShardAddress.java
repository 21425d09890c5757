package io.flightpath.control.api;

import io.flightpath.core.FlightpathException;

/** Where a physical post-flight shard lives; each node logs in with its own credentials. */
public record ShardAddress(String name, String host, int port, String database) {
    public ShardAddress {
        if (name == null || !name.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw FlightpathException.invalid("shard name must be lowercase letters, digits, '-' or '_', was '%s'", name);
        }
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw FlightpathException.invalid("shard %s needs a host and a port 1..65535, was %s:%d", name, host, port);
        }
        if (database == null || !database.matches("[A-Za-z0-9_]{1,64}")) {
            throw FlightpathException.invalid("shard %s database name must be 1-64 letters, digits or '_', was '%s'", name, database);
        }
    }
}
