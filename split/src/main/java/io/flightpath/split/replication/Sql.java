package io.flightpath.split.replication;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Quoting and unsigned binding shared by the split's statements. */
final class Sql {
    private Sql() {
    }

    /** A backquoted identifier; backquotes inside are doubled. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A single-quoted string literal for the statements that take no parameters (CHANGE MASTER, START SLAVE UNTIL). */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Binds an unsigned 64-bit value held in a long, bits unchanged. */
    static void setUnsigned(PreparedStatement ps, int i, long value) throws SQLException {
        ps.setBigDecimal(i, new BigDecimal(Long.toUnsignedString(value)));
    }

    /** Reads a BIGINT UNSIGNED column into a long, bits unchanged. */
    static long getUnsigned(ResultSet rs, int i) throws SQLException {
        String text = rs.getString(i);
        return text == null ? 0 : Long.parseUnsignedLong(text);
    }
}
