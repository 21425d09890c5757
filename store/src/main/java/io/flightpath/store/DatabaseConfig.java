package io.flightpath.store;

import io.flightpath.core.FlightpathException;

/**
 * Where one store's MariaDB database lives and how to log in. Every address comes from
 * configuration; nothing here assumes one host. The password never appears in {@link #toString()}.
 */
public record DatabaseConfig(String host, int port, String database, String user, String password, int poolSize) {
    public DatabaseConfig {
        if (host == null || host.isBlank()) {
            throw FlightpathException.invalid("database host must be set, was '%s'", host);
        }
        if (port < 1 || port > 65535) {
            throw FlightpathException.invalid("database port must be 1..65535, was %d", port);
        }
        if (database == null || !database.matches("[A-Za-z0-9_]{1,64}")) {
            throw FlightpathException.invalid("database name must be 1-64 letters, digits or '_', was '%s'", database);
        }
        if (user == null || user.isBlank()) {
            throw FlightpathException.invalid("database user must be set");
        }
        if (poolSize < 1) {
            throw FlightpathException.invalid("database pool size must be >= 1, was %d", poolSize);
        }
        password = password == null ? "" : password;
    }

    public String address() {
        return host + ":" + port;
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://" + address() + "/" + database;
    }

    public DatabaseConfig withDatabase(String name) {
        return new DatabaseConfig(host, port, name, user, password, poolSize);
    }

    public DatabaseConfig withLogin(String user, String password) {
        return new DatabaseConfig(host, port, database, user, password, poolSize);
    }

    public DatabaseConfig withPoolSize(int size) {
        return new DatabaseConfig(host, port, database, user, password, size);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + user + "@" + address() + "/" + database + ", pool " + poolSize + "]";
    }
}
