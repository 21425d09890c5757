package io.flightpath.store;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Direction;
import io.flightpath.core.Message;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.ShardKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The mapping between {@link Message} and a row of the shared {@code messages} table. */
public final class MessageRows {
    /** Every column but the local row id, in the order {@link #bind} sets them. */
    public static final String COLUMNS = "sid, account_sid, shard_key, to_number, from_number, body, num_segments, "
            + "num_media, status, direction, messaging_service_sid, error_code, error_message, price, price_unit, "
            + "date_created, date_updated, date_sent";
    public static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
    public static final int COUNT = 18;
    /** {@link #COLUMNS} without the shard key: the row of a table in the legacy shape, which has none. */
    public static final String UNKEYED_COLUMNS = COLUMNS.replace("shard_key, ", "");
    public static final String UNKEYED_PLACEHOLDERS = PLACEHOLDERS.substring("?, ".length());
    public static final int UNKEYED_COUNT = COUNT - 1;

    private MessageRows() {
    }

    /** Binds every column of {@link #COLUMNS} from {@code message}, starting at parameter {@code first}. */
    public static void bind(PreparedStatement ps, int first, Message message) throws SQLException {
        bind(ps, first, message, true);
    }

    /** Binds every column of {@link #UNKEYED_COLUMNS} from {@code message}, starting at parameter {@code first}. */
    public static void bindUnkeyed(PreparedStatement ps, int first, Message message) throws SQLException {
        bind(ps, first, message, false);
    }

    private static void bind(PreparedStatement ps, int first, Message message, boolean keyed) throws SQLException {
        int i = first;
        ps.setString(i++, message.sid().value());
        ps.setString(i++, message.accountSid().value());
        if (keyed) {
            Columns.setUnsigned(ps, i++, ShardKey.of(message.accountSid()));
        }
        ps.setString(i++, message.to());
        ps.setString(i++, message.from());
        ps.setString(i++, message.body() == null ? "" : message.body());
        ps.setInt(i++, message.numSegments());
        ps.setInt(i++, message.numMedia());
        ps.setString(i++, message.status().wire());
        ps.setString(i++, message.direction().wire());
        ps.setString(i++, message.messagingServiceSid());
        Columns.setInteger(ps, i++, message.errorCode());
        ps.setString(i++, message.errorMessage());
        Columns.setDecimal(ps, i++, message.price());
        ps.setString(i++, message.priceUnit());
        Columns.setInstant(ps, i++, message.dateCreated());
        Columns.setInstant(ps, i++, message.dateUpdated());
        Columns.setInstant(ps, i, message.dateSent());
    }

    public static Message read(ResultSet rs) throws SQLException {
        return new Message(
                MessageSid.parse(rs.getString("sid")),
                AccountSid.parse(rs.getString("account_sid")),
                rs.getString("to_number"),
                rs.getString("from_number"),
                rs.getString("body"),
                rs.getInt("num_segments"),
                rs.getInt("num_media"),
                MessageStatus.fromWire(rs.getString("status")),
                Direction.fromWire(rs.getString("direction")),
                rs.getString("messaging_service_sid"),
                Columns.getInteger(rs, "error_code"),
                rs.getString("error_message"),
                rs.getBigDecimal("price"),
                rs.getString("price_unit"),
                Columns.getInstant(rs, "date_created"),
                Columns.getInstant(rs, "date_updated"),
                Columns.getInstant(rs, "date_sent"));
    }
}
