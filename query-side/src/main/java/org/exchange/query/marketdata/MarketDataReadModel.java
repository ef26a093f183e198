package org.exchange.query.marketdata;

import org.exchange.api.market.CandleInterval;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.exchange.query.readmodel.Columns.instant;
import static org.exchange.query.readmodel.Columns.plain;

/**
 * Reads the public trade tape ({@code market_trades}) and candles that the projections service
 * writes. Candles are stored for 1m, 1h and 1d; every other interval is rolled up here from the
 * largest stored one that divides it (1s from the tape itself), with the buckets of
 * {@link CandleInterval}: open of the earliest part, close of the latest, extremes and sums of all.
 */
@Repository
class MarketDataReadModel {

    private final JdbcClient jdbc;

    MarketDataReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record TradeView(String tradeId, String market, long sequence, String price, String quantity,
                     String quoteQuantity, String takerSide, String executedAt) {
    }

    record CandleView(String openTime, String closeTime, String open, String high, String low, String close,
                      String volume, String quoteVolume, long trades) {
    }

    /**
     * @param open {@code null} (and so are high, low, last) when nothing traded in the window
     */
    record TickerView(String market, String openTime, String closeTime, String open, String high, String low,
                      String last, String priceChange, String volume, String quoteVolume, long trades) {
    }

    /** The market's latest trades, newest first. */
    List<TradeView> recentTrades(String market, int limit) {
        return jdbc.sql("""
                        select trade_id, market_id, sequence, price, quantity, quote_quantity, taker_side, executed_at
                          from market_trades where market_id = :market
                         order by sequence desc limit :limit""")
                .param("market", market)
                .param("limit", limit)
                .query((rows, index) -> new TradeView(rows.getString("trade_id"), rows.getString("market_id"),
                        rows.getLong("sequence"), plain(rows, "price"), plain(rows, "quantity"),
                        plain(rows, "quote_quantity"), rows.getString("taker_side"),
                        instant(rows, "executed_at").toString()))
                .list();
    }

    /** Statistics of the trades executed in {@code (now - 24h, now]}. */
    TickerView ticker(String market, Instant now) {
        Instant since = now.minus(Duration.ofHours(24));
        return jdbc.sql("""
                        with window_trades as (
                            select sequence, price, quantity, quote_quantity from market_trades
                             where market_id = :market and executed_at > :since and executed_at <= :now)
                        select (select price from window_trades order by sequence limit 1) as open,
                               (select price from window_trades order by sequence desc limit 1) as last,
                               max(price) as high, min(price) as low, coalesce(sum(quantity), 0) as volume,
                               coalesce(sum(quote_quantity), 0) as quote_volume, count(*) as trades
                          from window_trades""")
                .param("market", market)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rows, index) -> {
                    String open = plain(rows, "open");
                    String last = plain(rows, "last");
                    String change = open == null ? null
                            : rows.getBigDecimal("last").subtract(rows.getBigDecimal("open")).toPlainString();
                    return new TickerView(market, since.toString(), now.toString(), open, plain(rows, "high"),
                            plain(rows, "low"), last, change, plain(rows, "volume"), plain(rows, "quote_volume"),
                            rows.getLong("trades"));
                })
                .single();
    }

    /**
     * Up to {@code limit} candles, oldest first: the first ones from {@code from} on when it is given,
     * else the latest ones opening before {@code to}.
     */
    List<CandleView> candles(String market, CandleInterval interval, Instant from, Instant to, int limit) {
        Source source = Source.of(interval);
        List<String> where = new ArrayList<>(List.of("market_id = :market", source.timeColumn() + " < :to"));
        if (from != null) {
            where.add(source.timeColumn() + " >= :from");
        }
        if (source.stored() != null) {
            where.add("candle_interval = :stored");
        }
        JdbcClient.StatementSpec query = jdbc.sql("""
                        select bucket, (array_agg(open order by part))[1] as open, max(high) as high, min(low) as low,
                               (array_agg(close order by part desc))[1] as close, sum(volume) as volume,
                               sum(quote_volume) as quote_volume, sum(trades) as trades
                          from (select %s as bucket, %s from %s where %s) parts
                         group by bucket
                         order by bucket %s
                         limit :limit""".formatted(bucket(interval, source.timeColumn()), source.columns(),
                        source.table(), String.join(" and ", where), from != null ? "asc" : "desc"))
                .param("market", market)
                .param("to", to.atOffset(ZoneOffset.UTC))
                .param("limit", limit);
        if (from != null) {
            query = query.param("from", interval.openTime(from).atOffset(ZoneOffset.UTC));
        }
        if (source.stored() != null) {
            query = query.param("stored", source.stored().code());
        }
        List<CandleView> candles = new ArrayList<>(query.query((rows, index) -> candle(rows, interval)).list());
        if (from == null) {
            Collections.reverse(candles);
        }
        return candles;
    }

    private static CandleView candle(ResultSet rows, CandleInterval interval) throws SQLException {
        Instant open = instant(rows, "bucket");
        return new CandleView(open.toString(), interval.closeTime(open).toString(), plain(rows, "open"),
                plain(rows, "high"), plain(rows, "low"), plain(rows, "close"), plain(rows, "volume"),
                plain(rows, "quote_volume"), rows.getLong("trades"));
    }

    /** SQL for the open time of the {@code interval} bucket holding {@code column} (UTC). */
    private static String bucket(CandleInterval interval, String column) {
        return switch (interval) {
            case ONE_WEEK -> "date_trunc('week', " + column + " at time zone 'UTC') at time zone 'UTC'";
            case ONE_MONTH -> "date_trunc('month', " + column + " at time zone 'UTC') at time zone 'UTC'";
            default -> {
                long seconds = interval.nextOpenTime(Instant.EPOCH).getEpochSecond();
                yield "to_timestamp(0) + floor(extract(epoch from " + column + ") / " + seconds + ") * "
                        + seconds + " * interval '1 second'";
            }
        };
    }

    /** Where an interval's parts come from: the tape for seconds, else the largest stored interval that divides it. */
    private record Source(String table, CandleInterval stored, String timeColumn, String columns) {

        static Source of(CandleInterval interval) {
            return switch (interval) {
                case ONE_SECOND -> new Source("market_trades", null, "executed_at", """
                        sequence as part, price as open, price as high, price as low, price as close,
                        quantity as volume, quote_quantity as quote_volume, 1 as trades""");
                case ONE_MINUTE, THREE_MINUTES, FIVE_MINUTES, FIFTEEN_MINUTES, THIRTY_MINUTES -> stored(CandleInterval.ONE_MINUTE);
                case ONE_HOUR, TWO_HOURS, FOUR_HOURS, SIX_HOURS, EIGHT_HOURS, TWELVE_HOURS -> stored(CandleInterval.ONE_HOUR);
                case ONE_DAY, THREE_DAYS, ONE_WEEK, ONE_MONTH -> stored(CandleInterval.ONE_DAY);
            };
        }

        private static Source stored(CandleInterval stored) {
            return new Source("candles", stored, "open_time",
                    "open_time as part, open, high, low, close, volume, quote_volume, trades");
        }
    }
}
