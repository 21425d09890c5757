package io.flightpath.app;

import io.flightpath.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples the handoff's lag every 100 ms, for `flightpath chaos`: the age of the oldest entry of
 * the in-flight outbox (0 when it is empty), read straight from the in-flight database beside the
 * service, as an operator's probe would. A sample that fails (the server is down) is skipped.
 */
final class HandoffLag implements AutoCloseable {
    private final DatabaseConfig inflight;
    private final ConcurrentSkipListMap<Instant, Duration> samples = new ConcurrentSkipListMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    HandoffLag(DatabaseConfig inflight) {
        this.inflight = inflight;
        this.thread = Thread.ofVirtual().name("handoff-lag").start(this::run);
    }

    private void run() {
        Connection c = null;
        while (!stop.get()) {
            try {
                if (c == null || c.isClosed()) {
                    c = connect();
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(queued_at) FROM handoff_outbox")) {
                    rs.next();
                    LocalDateTime oldest = rs.getObject(1, LocalDateTime.class);
                    Instant now = Instant.now();
                    samples.put(now, oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(ZoneOffset.UTC), now));
                }
            } catch (SQLException e) {
                close(c);
                c = null;
            }
            try {
                Thread.sleep(100); // the sampling period
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close(c);
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", inflight.user());
        p.setProperty("password", inflight.password());
        p.setProperty("connectTimeout", "1000");
        p.setProperty("socketTimeout", "2000");
        return DriverManager.getConnection(inflight.jdbcUrl(), p);
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a connection to a server that went away: nothing left to release
            }
        }
    }

    /** The largest lag sampled from {@code from} to {@code to}. */
    Duration max(Instant from, Instant to) {
        return samples.subMap(from, true, to, true).values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** How many samples were taken from {@code from} to {@code to}. */
    int samples(Instant from, Instant to) {
        return samples.subMap(from, true, to, true).size();
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
