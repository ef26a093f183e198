package org.exchange.query.marketdata;

import org.exchange.api.market.CandleInterval;
import org.exchange.api.order.OrderSide;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.exchange.query.readmodel.Columns.instant;

/**
 * Reads the public trade tape ({@code market_trades}) and candles that the projections service
 * writes, for every API that shows them (the native one and the Binance-compatible one). Candles are
 * stored for 1m, 1h and 1d; every other interval is rolled up here from the largest stored one that
 * divides it (1s from the tape itself), with the buckets of {@link CandleInterval}: open of the
 * earliest part, close of the latest, extremes and sums of all.
 */
@Repository
public class MarketDataReadModel {

    private final JdbcClient jdbc;

    MarketDataReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The market's latest trades, newest first.
     *
     * @param until only trades executed before it; {@code null}: all
     */
    public List<MarketTrade> latestTrades(String market, Instant until, int limit) {
        return trades(market, null, null, until, limit, true);
    }

    /**
     * The market's first trades, oldest first, from {@code fromSequence} and {@code from} on (each
     * {@code null}: no bound), executed before {@code until} ({@code null}: no bound).
     */
    public List<MarketTrade> tradesFrom(String market, Long fromSequence, Instant from, Instant until, int limit) {
        return trades(market, fromSequence, from, until, limit, false);
    }

    private List<MarketTrade> trades(String market, Long fromSequence, Instant from, Instant until, int limit,
                                     boolean newestFirst) {
        List<String> where = new ArrayList<>(List.of("market_id = :market"));
        Map<String, Object> parameters = new HashMap<>(Map.of("market", market, "limit", limit));
        if (fromSequence != null) {
            where.add("sequence >= :fromSequence");
            parameters.put("fromSequence", fromSequence);
        }
        if (from != null) {
            where.add("executed_at >= :from");
            parameters.put("from", from.atOffset(ZoneOffset.UTC));
        }
        if (until != null) {
            where.add("executed_at < :until");
            parameters.put("until", until.atOffset(ZoneOffset.UTC));
        }
        return jdbc.sql("""
                        select trade_id, market_id, sequence, price, quantity, quote_quantity, taker_side, executed_at
                          from market_trades where %s
                         order by sequence %s limit :limit""".formatted(String.join(" and ", where),
                        newestFirst ? "desc" : "asc"))
                .paramSource(parameters)
                .query((rows, index) -> new MarketTrade(rows.getString("trade_id"), rows.getString("market_id"),
                        rows.getLong("sequence"), rows.getBigDecimal("price"), rows.getBigDecimal("quantity"),
                        rows.getBigDecimal("quote_quantity"), OrderSide.valueOf(rows.getString("taker_side")),
                        instant(rows, "executed_at")))
                .list();
    }

    /** Statistics of the trades executed in {@code (now - 24h, now]}. */
    public TickerStats ticker(String market, Instant now) {
        Instant since = now.minus(Duration.ofHours(24));
        return jdbc.sql("""
                        with window_trades as (
                            select sequence, price, quantity, quote_quantity from market_trades
                             where market_id = :market and executed_at > :since and executed_at <= :now)
                        select (select price from window_trades order by sequence limit 1) as open,
                               (select price from window_trades order by sequence desc limit 1) as last,
                               max(price) as high, min(price) as low, coalesce(sum(quantity), 0) as volume,
                               coalesce(sum(quote_quantity), 0) as quote_volume, count(*) as trades,
                               (select price from market_trades where market_id = :market and executed_at <= :since
                                 order by executed_at desc, sequence desc limit 1) as prev_close
                          from window_trades""")
                .param("market", market)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rows, index) -> new TickerStats(market, since, now, rows.getBigDecimal("open"),
                        rows.getBigDecimal("high"), rows.getBigDecimal("low"), rows.getBigDecimal("last"),
                        rows.getBigDecimal("volume"), rows.getBigDecimal("quote_volume"), rows.getLong("trades"),
                        rows.getBigDecimal("prev_close")))
                .single();
    }

    /** Base and quote volume of the trades executed at or after {@code since}; empty when there were none. */
    public Optional<WindowVolume> volumeSince(String market, Instant since) {
        WindowVolume sums = jdbc.sql("""
                        select sum(quantity) as volume, sum(quote_quantity) as quote_volume, max(executed_at) as last_at
                          from market_trades where market_id = :market and executed_at >= :since""")
                .param("market", market)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .query((rows, index) -> new WindowVolume(rows.getBigDecimal("volume"), rows.getBigDecimal("quote_volume"),
                        rows.getObject("last_at") == null ? null : instant(rows, "last_at")))
                .single();
        return sums.volume() == null ? Optional.empty() : Optional.of(sums);
    }

    /** Base and quote volume traded in a window, and when its last trade was. */
    public record WindowVolume(BigDecimal volume, BigDecimal quoteVolume, Instant lastTradeAt) {
    }

    /**
     * Up to {@code limit} candles, oldest first: the first ones from {@code from} on when it is given,
     * else the latest ones opening before {@code to}.
     */
    public List<Candle> candles(String market, CandleInterval interval, Instant from, Instant to, int limit) {
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
                               sum(quote_volume) as quote_volume, sum(trades) as trades,
                               sum(taker_buy_volume) as taker_buy_volume,
                               sum(taker_buy_quote_volume) as taker_buy_quote_volume
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
        List<Candle> candles = new ArrayList<>(query.query((rows, index) -> candle(rows, interval)).list());
        if (from == null) {
            Collections.reverse(candles);
        }
        return candles;
    }

    private static Candle candle(ResultSet rows, CandleInterval interval) throws SQLException {
        Instant open = instant(rows, "bucket");
        return new Candle(open, interval.closeTime(open), rows.getBigDecimal("open"), rows.getBigDecimal("high"),
                rows.getBigDecimal("low"), rows.getBigDecimal("close"), rows.getBigDecimal("volume"),
                rows.getBigDecimal("quote_volume"), rows.getLong("trades"), rows.getBigDecimal("taker_buy_volume"),
                rows.getBigDecimal("taker_buy_quote_volume"));
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
                        quantity as volume, quote_quantity as quote_volume, 1 as trades,
                        case when taker_side = 'BUY' then quantity else 0 end as taker_buy_volume,
                        case when taker_side = 'BUY' then quote_quantity else 0 end as taker_buy_quote_volume""");
                case ONE_MINUTE, THREE_MINUTES, FIVE_MINUTES, FIFTEEN_MINUTES, THIRTY_MINUTES -> stored(CandleInterval.ONE_MINUTE);
                case ONE_HOUR, TWO_HOURS, FOUR_HOURS, SIX_HOURS, EIGHT_HOURS, TWELVE_HOURS -> stored(CandleInterval.ONE_HOUR);
                case ONE_DAY, THREE_DAYS, ONE_WEEK, ONE_MONTH -> stored(CandleInterval.ONE_DAY);
            };
        }

        private static Source stored(CandleInterval stored) {
            return new Source("candles", stored, "open_time",
                    "open_time as part, open, high, low, close, volume, quote_volume, trades, taker_buy_volume, "
                            + "taker_buy_quote_volume");
        }
    }
}
