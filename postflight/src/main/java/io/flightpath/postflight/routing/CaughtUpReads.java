package io.flightpath.postflight.routing;

import io.flightpath.core.FlightpathException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the shard for a read of a range whose reads moved before its writes (a split between
 * MOVE_READS and MOVE_WRITES): the read shard is then a replica of the write shard and may lag
 * it. The replica answers only once it has applied everything the write shard had committed when
 * the read began ({@code MASTER_GTID_WAIT} for the write shard's {@code gtid_binlog_pos}); when it
 * has not within the wait, the write shard answers, since every write of the range still lands
 * there. So a read never misses a write the source acknowledged. Thread-safe.
 */
final class CaughtUpReads {
    private final Duration wait;
    private final Counter fellBack;
    // the last position each write shard gave: when it cannot be asked, the replica must reach that
    private final Map<String, String> lastPositions = new ConcurrentHashMap<>();
    // a replica that just missed the wait is not waited for again for a while: a stalled one
    // would otherwise cost every read of the range the whole wait
    private final Map<String, Long> laggingUntil = new ConcurrentHashMap<>();
    private static final long LAGGING_NANOS = Duration.ofSeconds(1).toNanos();

    CaughtUpReads(Duration wait, MeterRegistry metrics) {
        this.wait = wait;
        this.fellBack = Counter.builder("flightpath.routing.replica.fallbacks")
                .description("Reads of a moving range answered by its write shard because the read shard lagged")
                .register(metrics);
    }

    Shard choose(Shard replica, Shard primary) {
        String position;
        boolean primaryAnswers;
        try {
            position = primary.database().read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            lastPositions.put(primary.name(), position);
            primaryAnswers = true;
        } catch (FlightpathException e) {
            // the write shard is down: it acknowledged nothing since; the replica must have what it had
            position = lastPositions.get(primary.name());
            if (position == null) {
                throw e;
            }
            primaryAnswers = false;
        }
        Long lagging = laggingUntil.get(replica.name());
        if (primaryAnswers && lagging != null && System.nanoTime() - lagging < 0) {
            fellBack.increment();
            return primary;
        }
        if (applied(replica, position)) {
            laggingUntil.remove(replica.name());
            return replica;
        }
        if (!primaryAnswers) {
            throw FlightpathException.unavailable("%s lags %s, which does not answer; retry shortly", replica.name(), primary.name());
        }
        laggingUntil.put(replica.name(), System.nanoTime() + LAGGING_NANOS);
        fellBack.increment();
        return primary;
    }

    private boolean applied(Shard replica, String position) {
        return replica.database().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
                ps.setString(1, position);
                ps.setDouble(2, wait.toNanos() / 1e9);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 0 && !rs.wasNull();
                }
            }
        });
    }
}
