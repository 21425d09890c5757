package io.flightpath.split.replication;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.postflight.schema.KeyedTables;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.store.SqlWork;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

/**
 * One post-flight shard as the split's MariaDB commands see it: a name for messages ("shard1"),
 * where its database lives, and which of its tables move with their key range. Opens plain,
 * unpooled connections: these commands are few and long, and many of them change session
 * settings that must never leak into a pool.
 */
public record ShardServer(String name, DatabaseConfig config, KeyedTables keyedTables) {
    public ShardServer {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(keyedTables, "keyedTables");
        if (name == null || !name.matches("[a-z][a-z0-9_-]{0,39}")) {
            throw FlightpathException.invalid("shard server name must be 1-40 lowercase letters, digits, '_' or '-', was '%s'", name);
        }
    }

    /** A shard of the post-flight schema, whose keyed tables are {@link KeyedTables#POSTFLIGHT}. */
    public ShardServer(String name, DatabaseConfig config) {
        this(name, config, KeyedTables.POSTFLIGHT);
    }

    public String database() {
        return config.database();
    }

    /** Whether both name the same server (host and port), whatever the database. */
    public boolean sameServerAs(ShardServer other) {
        return config.host().equals(other.config.host()) && config.port() == other.config.port();
    }

    /** A new connection to the shard database, in auto-commit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        return open(config.jdbcUrl());
    }

    /** A new connection to the server without a default database, for server-wide commands. */
    public Connection connectServer() throws SQLException {
        return open("jdbc:mariadb://" + config.address() + "/");
    }

    private Connection open(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", config.user());
        p.setProperty("password", config.password());
        p.setProperty("connectTimeout", "5000");
        return DriverManager.getConnection(url, p);
    }

    /** Runs {@code work} on a new server connection; a failure names {@code what} and this server. */
    public <T> T onServer(String what, SqlWork<T> work) {
        try (Connection c = connectServer()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on a new connection to the shard database; a failure names {@code what} and this server. */
    public <T> T onDatabase(String what, SqlWork<T> work) {
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs each statement in order on a new server connection. */
    public void execute(String what, String... statements) {
        onServer(what, c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }

    /** A failure of {@code what} on this server, carrying MariaDB's message and the cause. */
    public FlightpathException failure(String what, SQLException e) {
        ErrorCode code = e instanceof SQLTransientException || e instanceof SQLNonTransientConnectionException
                ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
        return new FlightpathException(code, what + " on " + name + " (" + config.address() + ") failed: " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return name + " (" + config.address() + "/" + config.database() + ")";
    }
}
