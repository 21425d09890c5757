package io.flightpath.store;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.ShardKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The mapping between {@link Call} and a row of the shared {@code calls} table. */
public final class CallRows {
    /** Every column but the local row id, in the order {@link #bind} sets them. */
    public static final String COLUMNS = "sid, account_sid, shard_key, parent_call_sid, to_number, from_number, "
            + "to_formatted, from_formatted, phone_number_sid, status, direction, answered_by, caller_name, "
            + "forwarded_from, start_time, end_time, duration, price, price_unit, queue_time, trunk_sid, group_sid, "
            + "date_created, date_updated";
    public static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
    public static final int COUNT = 24;
    /** {@link #COLUMNS} without the shard key: the row of a table in the legacy shape, which has none. */
    public static final String UNKEYED_COLUMNS = COLUMNS.replace("shard_key, ", "");
    public static final String UNKEYED_PLACEHOLDERS = PLACEHOLDERS.substring("?, ".length());
    public static final int UNKEYED_COUNT = COUNT - 1;

    private CallRows() {
    }

    /** Binds every column of {@link #COLUMNS} from {@code call}, starting at parameter {@code first}. */
    public static void bind(PreparedStatement ps, int first, Call call) throws SQLException {
        bind(ps, first, call, true);
    }

    /** Binds every column of {@link #UNKEYED_COLUMNS} from {@code call}, starting at parameter {@code first}. */
    public static void bindUnkeyed(PreparedStatement ps, int first, Call call) throws SQLException {
        bind(ps, first, call, false);
    }

    private static void bind(PreparedStatement ps, int first, Call call, boolean keyed) throws SQLException {
        int i = first;
        ps.setString(i++, call.sid().value());
        ps.setString(i++, call.accountSid().value());
        if (keyed) {
            Columns.setUnsigned(ps, i++, ShardKey.of(call.accountSid()));
        }
        ps.setString(i++, call.parentCallSid() == null ? null : call.parentCallSid().value());
        ps.setString(i++, call.to());
        ps.setString(i++, call.from());
        ps.setString(i++, call.toFormatted());
        ps.setString(i++, call.fromFormatted());
        ps.setString(i++, call.phoneNumberSid());
        ps.setString(i++, call.status().wire());
        ps.setString(i++, call.direction().wire());
        ps.setString(i++, call.answeredBy());
        ps.setString(i++, call.callerName());
        ps.setString(i++, call.forwardedFrom());
        Columns.setInstant(ps, i++, call.startTime());
        Columns.setInstant(ps, i++, call.endTime());
        Columns.setInteger(ps, i++, call.duration());
        Columns.setDecimal(ps, i++, call.price());
        ps.setString(i++, call.priceUnit());
        Columns.setLong(ps, i++, call.queueTime());
        ps.setString(i++, call.trunkSid());
        ps.setString(i++, call.groupSid());
        Columns.setInstant(ps, i++, call.dateCreated());
        Columns.setInstant(ps, i, call.dateUpdated());
    }

    public static Call read(ResultSet rs) throws SQLException {
        String parent = rs.getString("parent_call_sid");
        return new Call(
                CallSid.parse(rs.getString("sid")),
                AccountSid.parse(rs.getString("account_sid")),
                parent == null ? null : CallSid.parse(parent),
                rs.getString("to_number"),
                rs.getString("from_number"),
                rs.getString("to_formatted"),
                rs.getString("from_formatted"),
                rs.getString("phone_number_sid"),
                CallStatus.fromWire(rs.getString("status")),
                Direction.fromWire(rs.getString("direction")),
                rs.getString("answered_by"),
                rs.getString("caller_name"),
                rs.getString("forwarded_from"),
                Columns.getInstant(rs, "start_time"),
                Columns.getInstant(rs, "end_time"),
                Columns.getInteger(rs, "duration"),
                rs.getBigDecimal("price"),
                rs.getString("price_unit"),
                Columns.getLong(rs, "queue_time"),
                rs.getString("trunk_sid"),
                rs.getString("group_sid"),
                Columns.getInstant(rs, "date_created"),
                Columns.getInstant(rs, "date_updated"));
    }
}
