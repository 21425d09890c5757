package io.flightpath.control.store;

import io.flightpath.control.api.Acknowledgement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The node_acks table, which the routing and the flags stores share: one row per node and subject. */
final class NodeAcknowledgements {
    private NodeAcknowledgements() {
    }

    /** Records that the node works by these versions of these subjects, all with the same lease. */
    static void record(Connection c, String nodeId, Map<String, Long> versions, Instant at, Instant leaseUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO node_acks (node_id, subject, version, last_seen, lease_until) "
                + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE version = VALUES(version), "
                + "last_seen = VALUES(last_seen), lease_until = VALUES(lease_until)")) {
            for (Map.Entry<String, Long> v : versions.entrySet()) {
                ps.setString(1, nodeId);
                ps.setString(2, v.getKey());
                ps.setLong(3, v.getValue());
                ps.setObject(4, utc(at));
                ps.setObject(5, utc(leaseUntil));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every acknowledgement of the given subjects, by node id then subject. */
    static List<Acknowledgement> of(Connection c, Collection<String> subjects) throws SQLException {
        String marks = String.join(", ", subjects.stream().map(s -> "?").toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT node_id, subject, version, last_seen, lease_until FROM node_acks "
                + "WHERE subject IN (" + marks + ") ORDER BY node_id, subject")) {
            int i = 1;
            for (String s : subjects) {
                ps.setString(i++, s);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Acknowledgement> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(new Acknowledgement(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4), instant(rs, 5)));
                }
                return all;
            }
        }
    }

    static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
}
