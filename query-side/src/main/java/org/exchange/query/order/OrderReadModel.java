package org.exchange.query.order;

import org.exchange.query.page.PageCursor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.exchange.query.readmodel.Columns.instant;
import static org.exchange.query.readmodel.Columns.plain;

/** Reads the {@code orders} table that the projections service writes. Always one account's rows. */
@Repository
public class OrderReadModel {

    private static final String COLUMNS = """
            select order_id, client_order_id, market_id, side, type, time_in_force, price, quantity, quote_quantity,
                   stop_price, status, reason, cancel_requested, filled_quantity, filled_quote_quantity,
                   average_price, fees, fee_asset, created_at, updated_at
              from orders
            """;

    private final JdbcClient jdbc;

    OrderReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OrderRow> find(String accountId, String orderId) {
        return jdbc.sql(COLUMNS + " where order_id = :order and account_id = :account")
                .param("order", orderId)
                .param("account", accountId)
                .query(OrderReadModel::row)
                .optional();
    }

    /**
     * The account's orders, newest first, after {@code cursor} if given.
     *
     * @param market {@code null} for every market
     * @param status {@code null} for every status
     * @param from   {@code null}, or only orders placed at or after it
     * @param to     {@code null}, or only orders placed before it
     */
    public List<OrderRow> list(String accountId, String market, String status, Instant from, Instant to, PageCursor cursor,
                        int rows) {
        List<String> where = new ArrayList<>(List.of("account_id = :account"));
        if (from != null) {
            where.add("created_at >= :from");
        }
        if (to != null) {
            where.add("created_at < :to");
        }
        if (market != null) {
            where.add("market_id = :market");
        }
        if (status != null) {
            where.add("status = :status");
        }
        if (cursor != null) {
            where.add("(created_at, order_id) < (:cursorAt, :cursorId)");
        }
        JdbcClient.StatementSpec query = jdbc.sql(COLUMNS + " where " + String.join(" and ", where)
                        + " order by created_at desc, order_id desc limit :rows")
                .param("account", accountId)
                .param("rows", rows);
        if (market != null) {
            query = query.param("market", market);
        }
        if (status != null) {
            query = query.param("status", status);
        }
        if (from != null) {
            query = query.param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            query = query.param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        if (cursor != null) {
            query = query.param("cursorAt", OffsetDateTime.ofInstant(cursor.at(), ZoneOffset.UTC))
                    .param("cursorId", cursor.id());
        }
        return query.query(OrderReadModel::row).list();
    }

    private static OrderRow row(ResultSet rows, int index) throws SQLException {
        Instant createdAt = instant(rows, "created_at");
        OrderView view = new OrderView(rows.getString("order_id"), rows.getString("client_order_id"),
                rows.getString("market_id"), rows.getString("side"), rows.getString("type"),
                rows.getString("time_in_force"), plain(rows, "price"), plain(rows, "quantity"),
                plain(rows, "quote_quantity"), plain(rows, "stop_price"), rows.getString("status"),
                rows.getString("reason"), rows.getBoolean("cancel_requested"), plain(rows, "filled_quantity"),
                plain(rows, "filled_quote_quantity"), plain(rows, "average_price"), plain(rows, "fees"),
                rows.getString("fee_asset"), createdAt.toString(),
                instant(rows, "updated_at").toString());
        return new OrderRow(view, PageCursor.after(createdAt, view.orderId()));
    }

    /** An order and where a page that ends with it continues. */
    public record OrderRow(OrderView view, PageCursor cursor) {
    }
}
