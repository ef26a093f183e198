package org.exchange.platform.audit;

import org.exchange.api.common.Asset;
import org.exchange.platform.audit.Breach.Check;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The PostgreSQL read models against the replayed books (ADR 0019). The read side lags (ADR 0012), and
 * may already be ahead of the verified position, so a row is compared only when it reflects exactly
 * the aggregate event the replay ended on: both carry the aggregate's sequence ({@code last_sequence}).
 * Other rows are counted, not judged. Balances: available and held; orders: filled quantity, quote,
 * fees and a final status.
 */
final class ReadModelCheck {

    private final DataSource readModels;
    private final Consumer<Breach> breaches;

    ReadModelCheck(DataSource readModels, Consumer<Breach> breaches) {
        this.readModels = readModels;
        this.breaches = breaches;
    }

    void compare(Books books, List<String> notes) throws SQLException {
        int[] balances = {0, 0};
        int[] orders = {0, 0};
        try (Connection connection = readModels.getConnection()) {
            connection.setReadOnly(true);
            rows(connection, "select account_id, asset, available, held, last_sequence from balances", row -> {
                Books.Balance replayed = books.balances().getOrDefault(row.getString(1), Map.of())
                        .get(Asset.of(row.getString(2)));
                if (replayed == null || replayed.lastSequence != row.getLong(5)) {
                    balances[1]++;
                    return;
                }
                balances[0]++;
                if (replayed.available.compareTo(row.getBigDecimal(3)) != 0 || replayed.held.compareTo(row.getBigDecimal(4)) != 0) {
                    breaches.accept(new Breach(Check.READ_MODELS, "BALANCE_DIFFERS", null, row.getString(1),
                            row.getLong(5), null, "read model balance " + row.getString(2) + " available "
                            + plain(row.getBigDecimal(3)) + ", held " + plain(row.getBigDecimal(4)) + "; the events give "
                            + plain(replayed.available) + ", held " + plain(replayed.held)));
                }
            });
            rows(connection, "select order_id, status, filled_quantity, filled_quote_quantity, fees, last_sequence from orders",
                    row -> {
                        Books.OrderBooks replayed = books.orders().get(row.getString(1));
                        if (replayed == null || replayed.lastSequence != row.getLong(6)) {
                            orders[1]++;
                            return;
                        }
                        orders[0]++;
                        boolean statusDiffers = replayed.finalStatus != null
                                && !replayed.finalStatus.name().equals(row.getString(2));
                        if (statusDiffers || replayed.filled.compareTo(row.getBigDecimal(3)) != 0
                                || replayed.filledQuote.compareTo(row.getBigDecimal(4)) != 0
                                || replayed.fees.compareTo(row.getBigDecimal(5)) != 0) {
                            breaches.accept(new Breach(Check.READ_MODELS, "ORDER_DIFFERS", null, row.getString(1),
                                    row.getLong(6), null, "read model order " + row.getString(2) + " filled "
                                    + plain(row.getBigDecimal(3)) + " (quote " + plain(row.getBigDecimal(4)) + ", fees "
                                    + plain(row.getBigDecimal(5)) + "); the events give "
                                    + (replayed.finalStatus == null ? "" : replayed.finalStatus + " ") + "filled "
                                    + plain(replayed.filled) + " (quote " + plain(replayed.filledQuote) + ", fees "
                                    + plain(replayed.fees) + ")"));
                        }
                    });
        }
        notes.add("read models: compared " + balances[0] + " balance rows and " + orders[0] + " order rows at the events"
                + " they reflect; " + balances[1] + " balance and " + orders[1] + " order rows were behind or ahead of"
                + " the verified position and not compared");
    }

    private interface RowHandler {
        void row(ResultSet row) throws SQLException;
    }

    private static void rows(Connection connection, String sql, RowHandler handler) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(1000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.row(rows);
                }
            }
        } finally {
            connection.rollback();
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "null" : value.toPlainString();
    }
}
