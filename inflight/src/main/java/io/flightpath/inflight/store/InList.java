package io.flightpath.inflight.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;

/** Placeholders and bindings for {@code IN (...)} lists of values. */
public final class InList {
    private InList() {
    }

    /** "?, ?, ?" for {@code n} values. */
    public static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Binds {@code values} in order from parameter {@code first}; returns the next free parameter. */
    public static int bind(PreparedStatement ps, int first, Collection<?> values) throws SQLException {
        int i = first;
        for (Object v : values) {
            ps.setObject(i++, v);
        }
        return i;
    }
}
