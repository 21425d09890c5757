package io.flightpath.bench;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.ServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The yardstick of the split's copy: a plain {@code mariadb-dump --single-transaction | mariadb}
 * of a database into a scratch database on another server, timed, with the restore kept out of
 * the target's binlog as the split's copy is. The scratch database is dropped afterwards.
 */
final class DumpRestore {

    /** Rows restored (calls and messages) and the time from the dump's start to the restore's end. */
    record Result(long rows, Duration elapsed) {
        double rowsPerSecond() {
            return rows * 1e9 / elapsed.toNanos();
        }
    }

    private final ServerSpec source;
    private final ServerSpec target;
    private final DbCredentials login;
    private final Path logs;

    DumpRestore(ServerSpec source, ServerSpec target, DbCredentials login, Path logs) {
        this.source = source;
        this.target = target;
        this.login = login;
        this.logs = logs;
    }

    Result run(String database, String scratch) {
        onTarget("SET SESSION sql_log_bin = 0", "DROP DATABASE IF EXISTS `" + scratch + "`", "CREATE DATABASE `" + scratch + "`");
        ProcessBuilder dump = client(List.of(ClientPrograms.find("mariadb-dump", "mysqldump").toString(), "--single-transaction",
                "--skip-lock-tables", "-h", source.host(), "-P", Integer.toString(source.port()), "-u", login.user(), database))
                .redirectError(logs.resolve("dump.err").toFile());
        ProcessBuilder restore = client(List.of(ClientPrograms.find("mariadb", "mysql").toString(),
                "--init-command=SET SESSION sql_log_bin = 0", "-h", target.host(), "-P", Integer.toString(target.port()),
                "-u", login.user(), scratch))
                .redirectError(logs.resolve("restore.err").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long started = System.nanoTime();
        try {
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(dump, restore));
            for (Process p : pipeline) {
                int rc = p.waitFor();
                if (rc != 0) {
                    throw new IllegalStateException(p.info().command().orElse("a client program") + " exited with " + rc + ": "
                            + Files.readString(logs.resolve(p == pipeline.get(0) ? "dump.err" : "restore.err")).strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run mariadb-dump | mariadb: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during mariadb-dump | mariadb", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        long rows = count(scratch, "calls") + count(scratch, "messages");
        onTarget("SET SESSION sql_log_bin = 0", "DROP DATABASE `" + scratch + "`");
        return new Result(rows, elapsed);
    }

    private ProcessBuilder client(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("MYSQL_PWD", login.password()); // not on the command line, where ps would show it
        return pb;
    }

    private long count(String database, String table) {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + database + "`.`" + table + "`")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting " + database + "." + table + " on " + target.name() + ": " + e.getMessage(), e);
        }
    }

    private void onTarget(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("on " + target.name() + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl(""), login.user(), login.password());
    }
}
