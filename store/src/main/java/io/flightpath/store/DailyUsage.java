package io.flightpath.store;

import io.flightpath.core.AccountSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.RecordStatus;
import io.flightpath.core.UsageDay;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One account's usage per UTC day, summed by the shard from its calls and messages and from the
 * {@link UsageLedger} of those deleted, so that a deletion never changes it. Stateless.
 */
public final class DailyUsage {
    private static final String DEFAULT_UNIT = "USD";

    // DATE() of a UTC DATETIME is the UTC day; CEIL per call before summing bills each call's started minute.
    private static final String CALLS = "SELECT DATE(date_created) AS day, COUNT(*) AS n, "
            + "COALESCE(SUM(CEIL(duration / 60)), 0) AS units, COALESCE(SUM(price), 0) AS price, MAX(price_unit) AS unit "
            + "FROM calls WHERE account_sid = ? AND date_created >= ? AND date_created < ?";
    private static final String MESSAGES = "SELECT DATE(date_created) AS day, COUNT(*) AS n, "
            + "COALESCE(SUM(num_segments), 0) AS units, COALESCE(SUM(price), 0) AS price, MAX(price_unit) AS unit "
            + "FROM messages WHERE account_sid = ? AND date_created >= ? AND date_created < ?";

    private static final String BY_DAY = " GROUP BY DATE(date_created)";
    // a deleted record's row is in the ledger only: nothing is counted twice
    private static final String LEDGER = "SELECT DATE(date_created) AS day, COUNT(*) AS n, "
            + "COALESCE(SUM(units), 0) AS units, COALESCE(SUM(price), 0) AS price, MAX(price_unit) AS unit "
            + "FROM usage_ledger WHERE account_sid = ? AND kind = ? AND date_created >= ? AND date_created < ?" + BY_DAY;
    private static final String ALL_CALLS = CALLS + BY_DAY;
    private static final String ALL_MESSAGES = MESSAGES + BY_DAY;
    private static final String FINISHED_CALLS = CALLS + finished(CallStatus.values()) + BY_DAY;
    private static final String FINISHED_MESSAGES = MESSAGES + finished(MessageStatus.values()) + BY_DAY;

    private DailyUsage() {
    }

    /** Usage of every row of the account: a post-flight shard holds finished records only. */
    public static List<UsageDay> of(Connection c, AccountSid account, Instant from, Instant to) throws SQLException {
        return sums(c, ALL_CALLS, ALL_MESSAGES, account, from, to);
    }

    /** Usage of the account's finished rows only, for a table that holds in-flight rows too. */
    public static List<UsageDay> ofFinished(Connection c, AccountSid account, Instant from, Instant to) throws SQLException {
        return sums(c, FINISHED_CALLS, FINISHED_MESSAGES, account, from, to);
    }

    // status words are the domain's own, never a caller's: safe to write into the statement
    private static String finished(RecordStatus[] statuses) {
        return " AND status IN (" + Arrays.stream(statuses).filter(RecordStatus::isPostFlight)
                .map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", ")) + ")";
    }

    private static List<UsageDay> sums(Connection c, String callSql, String messageSql, AccountSid account, Instant from, Instant to)
            throws SQLException {
        Map<LocalDate, Totals> calls = totals(c, callSql, null, account, from, to);
        totals(c, LEDGER, UsageLedger.CALLS.kind(), account, from, to).forEach((day, t) -> calls.merge(day, t, Totals::plus));
        Map<LocalDate, Totals> messages = totals(c, messageSql, null, account, from, to);
        totals(c, LEDGER, UsageLedger.MESSAGES.kind(), account, from, to).forEach((day, t) -> messages.merge(day, t, Totals::plus));
        SortedSet<LocalDate> days = new TreeSet<>(calls.keySet());
        days.addAll(messages.keySet());
        List<UsageDay> usage = new ArrayList<>(days.size());
        for (LocalDate day : days) {
            Totals call = calls.getOrDefault(day, Totals.NONE);
            Totals message = messages.getOrDefault(day, Totals.NONE);
            String unit = call.unit() != null ? call.unit() : message.unit() != null ? message.unit() : DEFAULT_UNIT;
            usage.add(new UsageDay(day, call.count(), call.units(), call.price(),
                    message.count(), message.units(), message.price(), unit));
        }
        return usage;
    }

    /** Sums per day of {@code sql}; with a {@code kind}, the ledger's rows of that kind. */
    private static Map<LocalDate, Totals> totals(Connection c, String sql, String kind, AccountSid account, Instant from, Instant to)
            throws SQLException {
        Map<LocalDate, Totals> byDay = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, account.value());
            if (kind != null) {
                ps.setString(i++, kind);
            }
            ps.setObject(i++, Micros.bound(from));
            ps.setObject(i, Micros.bound(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byDay.put(rs.getObject("day", LocalDate.class), new Totals(rs.getLong("n"), rs.getLong("units"),
                            rs.getBigDecimal("price"), rs.getString("unit")));
                }
            }
        }
        return byDay;
    }

    /** One kind's totals on one day: how many records, minutes or segments, price and unit. */
    private record Totals(long count, long units, BigDecimal price, String unit) {
        static final Totals NONE = new Totals(0, 0, BigDecimal.ZERO, null);

        Totals plus(Totals other) {
            return new Totals(count + other.count, units + other.units, price.add(other.price), unit != null ? unit : other.unit);
        }
    }
}
