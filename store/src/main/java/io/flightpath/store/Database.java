package io.flightpath.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A pooled connection to one store's database, created and migrated when opened. Only the
 * service that owns the store holds one. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private final String name;
    private final DatabaseConfig config;
    private final HikariDataSource pool;

    private Database(String name, DatabaseConfig config, HikariDataSource pool) {
        this.name = name;
        this.config = config;
        this.pool = pool;
    }

    /**
     * Creates the database when missing, applies every migration set in order, and opens a pool.
     * {@code name} names the pool in logs and metrics, e.g. "inflight" or "shard1".
     */
    public static Database open(String name, DatabaseConfig config, List<Migrations> migrations) {
        createIfMissing(config);
        try (MigrationLock held = MigrationLock.take(config)) {
            for (Migrations m : migrations) {
                migrate(name, config, m);
            }
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setJdbcUrl(config.jdbcUrl());
        // batched updates and deletes go to the server as one bulk command, not one statement
        // each; the price is update counts of SUCCESS_NO_INFO, which no caller here reads
        hc.addDataSourceProperty("useBulkStmts", "true");
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(Math.min(2, config.poolSize()));
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(10_000);
        try {
            return new Database(name, config, new HikariDataSource(hc));
        } catch (RuntimeException e) {
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "cannot open the " + name + " database at " + config.address()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void createIfMissing(DatabaseConfig config) {
        String serverUrl = "jdbc:mariadb://" + config.address() + "/";
        try (Connection c = DriverManager.getConnection(serverUrl, config.user(), config.password());
             Statement s = c.createStatement()) {
            // the name is validated by DatabaseConfig: letters, digits and '_' only
            s.execute("CREATE DATABASE IF NOT EXISTS `" + config.database() + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "cannot reach the database server at " + config.address()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(String name, DatabaseConfig config, Migrations m) {
        try {
            flyway(Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password()), m)
                    // a later set meets a schema the earlier sets filled: start its own history at
                    // version 0 so that its V1 still runs (on an empty schema this does nothing)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new FlightpathException(ErrorCode.INTERNAL, "migrating " + m.location() + " on the " + name
                    + " database at " + config.address() + " failed: " + e.getMessage(), e);
        }
    }

    private static FluentConfiguration flyway(FluentConfiguration base, Migrations m) {
        return base.locations("classpath:" + m.location()).table(m.historyTable()).failOnMissingLocations(true);
    }

    /**
     * The latest version of {@code m} this database records as applied (a baseline counts), or
     * empty when its history table is missing or empty.
     */
    public Optional<String> appliedVersion(Migrations m) {
        try {
            MigrationInfo current = flyway(Flyway.configure().dataSource(pool), m).load().info().current();
            return current == null || current.getVersion() == null ? Optional.empty() : Optional.of(current.getVersion().getVersion());
        } catch (FlywayException e) {
            throw new FlightpathException(ErrorCode.INTERNAL, "reading the history of " + m.location() + " on the " + name
                    + " database failed: " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code m} as applied up to {@code version} without running its scripts, for a schema
     * that reached that shape another way (the legacy tables turned into a shard's online), so
     * that a later {@link #open} with {@code m} leaves the tables alone. A no-op when already so
     * recorded; fails when the history holds anything else.
     */
    public void markApplied(Migrations m, String version) {
        try {
            flyway(Flyway.configure().dataSource(pool), m)
                    .baselineVersion(version)
                    .baselineDescription(m.location() + " reached online")
                    .load()
                    .baseline();
        } catch (FlywayException e) {
            throw new FlightpathException(ErrorCode.FAILED_PRECONDITION, "cannot record " + m.location() + " as applied up to V"
                    + version + " on the " + name + " database: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public DatabaseConfig config() {
        return config;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("transaction", e);
        }
    }

    /**
     * As {@link #transaction}, and run again, up to {@value #DEADLOCK_TRIES} times in all, when the
     * server rolled it back as a deadlock's victim: the server undid all of it, so a repeat is the
     * documented answer. For work that changes nothing but the database.
     */
    public <T> T transactionRetryingDeadlocks(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(work);
            } catch (FlightpathException e) {
                if (attempt >= DEADLOCK_TRIES || !(e.getCause() instanceof java.sql.SQLTransactionRollbackException)) {
                    throw e;
                }
            }
        }
    }

    static final int DEADLOCK_TRIES = 3;

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Maps a JDBC failure to the error code a caller branches on, keeping the cause. */
    public FlightpathException failure(String what, SQLException e) {
        ErrorCode code;
        if (e instanceof SQLIntegrityConstraintViolationException) {
            code = ErrorCode.CONFLICT;
        } else if (e instanceof SQLTransientException || e instanceof SQLNonTransientConnectionException) {
            code = ErrorCode.UNAVAILABLE;
        } else {
            code = ErrorCode.INTERNAL;
        }
        return new FlightpathException(code, what + " on the " + name + " database failed: " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /**
     * Retires every pooled connection (idle ones now, busy ones when returned), so that the next
     * ones read the server's current global settings: session values outlive SET GLOBAL.
     */
    public void recycle() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    /**
     * Opens up to {@code connections} connections now, all borrowed at once and given back, so
     * that the first requests a new pool serves (a shard a node just started routing to) do not
     * wait while the pool makes them one by one. They stay idle in the pool until its idle
     * timeout; a failure to open one is left to the next request to meet and report.
     */
    public void warm(int connections) {
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < Math.min(connections, config.poolSize()); i++) {
                borrowed.add(pool.getConnection());
            }
        } catch (SQLException e) {
            // the server refused or is gone: requests will say so in their own words
        } finally {
            for (Connection c : borrowed) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // given back to the pool, which drops a broken connection itself
                }
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
