package org.exchange.projection.marketdata;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.exchange.api.market.CandleInterval;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.projection.sql.ReadModelWrites;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The public trade tape ({@code market_trades}) and its candles, from the market's own
 * {@link TradeExecutedEvent}s (the moment of the match, not of settlement). A trade and its share
 * of the candles are written in one statement, and the candles only when the trade row is new: a
 * redelivered or replayed trade adds nothing twice. Open and close follow the trade sequence, so
 * they are right whatever order trades arrive in. Each candle also sums what takers bought (base and
 * quote: the trades whose taker side is BUY), which Binance's klines report.
 */
@Component
@ProcessingGroup(MarketDataProjection.PROCESSING_GROUP)
class MarketDataProjection {

    static final String PROCESSING_GROUP = "market-data";

    /** The intervals stored; every other interval is rolled up from one of these (query side). */
    static final List<CandleInterval> STORED = List.of(CandleInterval.ONE_MINUTE, CandleInterval.ONE_HOUR,
            CandleInterval.ONE_DAY);

    private final ReadModelWrites writes;

    MarketDataProjection(ReadModelWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(TradeExecutedEvent event, @Timestamp Instant at) {
        writes.sql("""
                        with trade as (
                            insert into market_trades (trade_id, market_id, sequence, price, quantity, quote_quantity,
                                                       taker_side, executed_at)
                            values (:trade, :market, :sequence, :price, :quantity, :quoteQuantity, :takerSide, :at)
                            on conflict (trade_id) do nothing
                            returning market_id, sequence, price, quantity, quote_quantity, taker_side)
                        insert into candles as c (market_id, candle_interval, open_time, open, high, low, close, volume,
                                                  quote_volume, trades, first_sequence, last_sequence, taker_buy_volume,
                                                  taker_buy_quote_volume)
                        select t.market_id, bucket.candle_interval, bucket.open_time, t.price, t.price, t.price, t.price,
                               t.quantity, t.quote_quantity, 1, t.sequence, t.sequence,
                               case when t.taker_side = 'BUY' then t.quantity else 0 end,
                               case when t.taker_side = 'BUY' then t.quote_quantity else 0 end
                          from trade t,
                               (values (:minute, :minuteOpen), (:hour, :hourOpen), (:day, :dayOpen))
                                   as bucket (candle_interval, open_time)
                        on conflict (market_id, candle_interval, open_time) do update set
                            open = case when excluded.first_sequence < c.first_sequence then excluded.open else c.open end,
                            close = case when excluded.last_sequence > c.last_sequence then excluded.close else c.close end,
                            high = greatest(c.high, excluded.high),
                            low = least(c.low, excluded.low),
                            volume = c.volume + excluded.volume,
                            quote_volume = c.quote_volume + excluded.quote_volume,
                            trades = c.trades + 1,
                            taker_buy_volume = c.taker_buy_volume + excluded.taker_buy_volume,
                            taker_buy_quote_volume = c.taker_buy_quote_volume + excluded.taker_buy_quote_volume,
                            first_sequence = least(c.first_sequence, excluded.first_sequence),
                            last_sequence = greatest(c.last_sequence, excluded.last_sequence)
                        """)
                .param("trade", event.tradeId().value())
                .param("market", event.marketId().value())
                .param("sequence", event.sequence())
                .param("price", event.price())
                .param("quantity", event.quantity())
                .param("quoteQuantity", event.quoteQuantity())
                .param("takerSide", event.takerSide().name())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("minute", STORED.get(0).code())
                .param("minuteOpen", STORED.get(0).openTime(at).atOffset(ZoneOffset.UTC))
                .param("hour", STORED.get(1).code())
                .param("hourOpen", STORED.get(1).openTime(at).atOffset(ZoneOffset.UTC))
                .param("day", STORED.get(2).code())
                .param("dayOpen", STORED.get(2).openTime(at).atOffset(ZoneOffset.UTC))
                // the trade and the market's candles: every trade of a market shares the key
                .forRow("market_trades", event.marketId().value());
    }
}
