package org.exchange.query.readmodel;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** How read-model columns become API values: decimals as plain strings, times as instants. */
public final class Columns {

    private Columns() {
    }

    /** @return the decimal in plain notation (never an exponent), or {@code null} */
    public static String plain(ResultSet rows, String column) throws SQLException {
        BigDecimal value = rows.getBigDecimal(column);
        return value == null ? null : value.toPlainString();
    }

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
