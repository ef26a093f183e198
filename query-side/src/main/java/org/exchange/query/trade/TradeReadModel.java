package org.exchange.query.trade;

import org.exchange.api.order.Liquidity;
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

import static org.exchange.query.readmodel.Columns.instant;
import static org.exchange.query.readmodel.Columns.plain;

/**
 * Reads the {@code trades} table that the projections service writes, seen from one account: the
 * trades where it bought or sold, with its own side, fee and order. (The book never matches an
 * account with itself, so a trade has one side per account.)
 */
@Repository
public class TradeReadModel {

    private final JdbcClient jdbc;

    TradeReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The account's trades, newest first, after {@code cursor} if given.
     *
     * @param market {@code null} for every market
     */
    List<TradeRow> list(String accountId, String market, PageCursor cursor, int rows) {
        return list(accountId, market, null, null, cursor, rows);
    }

    /**
     * The account's trades, newest first, after {@code cursor} if given.
     *
     * @param market {@code null} for every market
     * @param from   {@code null}, or only trades executed at or after it
     * @param to     {@code null}, or only trades executed at or before it
     */
    public List<TradeRow> list(String accountId, String market, Instant from, Instant to, PageCursor cursor, int rows) {
        List<String> where = new ArrayList<>(List.of("(buyer_account_id = :account or seller_account_id = :account)"));
        if (market != null) {
            where.add("market_id = :market");
        }
        if (from != null) {
            where.add("executed_at >= :from");
        }
        if (to != null) {
            where.add("executed_at <= :to");
        }
        if (cursor != null) {
            where.add("(executed_at, trade_id) < (:cursorAt, :cursorId)");
        }
        JdbcClient.StatementSpec query = jdbc.sql("""
                        select trade_id, market_id, price, quantity, quote_quantity, fee_asset, taker_side, executed_at,
                               case when buyer_account_id = :account then 'BUY' else 'SELL' end as side,
                               case when buyer_account_id = :account then buyer_fee else seller_fee end as fee,
                               case when buyer_account_id = :account then buyer_order_id else seller_order_id end as order_id
                          from trades
                         where %s
                         order by executed_at desc, trade_id desc
                         limit :rows""".formatted(String.join(" and ", where)))
                .param("account", accountId)
                .param("rows", rows);
        if (market != null) {
            query = query.param("market", market);
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
        return query.query(TradeReadModel::row).list();
    }

    private static TradeRow row(ResultSet rows, int index) throws SQLException {
        Instant executedAt = instant(rows, "executed_at");
        String side = rows.getString("side");
        Liquidity liquidity = side.equals(rows.getString("taker_side")) ? Liquidity.TAKER : Liquidity.MAKER;
        TradeView view = new TradeView(rows.getString("trade_id"), rows.getString("market_id"), side,
                plain(rows, "price"), plain(rows, "quantity"), plain(rows, "quote_quantity"), plain(rows, "fee"),
                rows.getString("fee_asset"), liquidity.name(), rows.getString("order_id"), executedAt.toString());
        return new TradeRow(view, PageCursor.after(executedAt, view.tradeId()));
    }

    /** A trade and where a page that ends with it continues. */
    public record TradeRow(TradeView view, PageCursor cursor) {
    }
}
