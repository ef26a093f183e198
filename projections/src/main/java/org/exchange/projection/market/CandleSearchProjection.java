package org.exchange.projection.market;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.exchange.api.market.CandleInterval;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.DecimalUnits;
import org.exchange.projection.search.SearchBulk;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The candles index: one-minute candles (open, high, low, close, base and quote volume, trade count)
 * per market, id = market + ":" + open time in epoch milliseconds, from the {@code Market} aggregate's
 * {@link TradeExecutedEvent}s, bucketed at the match time by {@link CandleInterval}. A market's events
 * are in order on one Kafka partition, so its trades arrive by increasing trade sequence; the update
 * script ignores a trade at or below the candle's {@code lastTradeSequence}, so redelivery and replay
 * add nothing twice. Longer intervals are aggregations of these.
 */
@Component
@ProcessingGroup(CandleSearchProjection.PROCESSING_GROUP)
class CandleSearchProjection {

    static final String PROCESSING_GROUP = "market-search";

    private static final CandleInterval INTERVAL = CandleInterval.ONE_MINUTE;

    private static final String SCRIPT = """
            def s = ctx._source;
            if (s.lastTradeSequence != null && s.lastTradeSequence >= params.sequence) {
              ctx.op = 'none';
            } else {
              if (s.tradeCount == null) {
                s.market = params.market;
                s.interval = params.interval;
                s.openTime = params.openTime;
                s.closeTime = params.closeTime;
                s.open = params.price;
                s.openUnits = params.priceUnits;
                s.high = params.price;
                s.highUnits = params.priceUnits;
                s.low = params.price;
                s.lowUnits = params.priceUnits;
                s.volume = '0';
                s.volumeUnits = 0L;
                s.quoteVolume = '0';
                s.quoteVolumeUnits = 0L;
                s.tradeCount = 0L;
                s.firstTradeSequence = params.sequence;
              } else {
                if (params.priceUnits > s.highUnits) {
                  s.high = params.price;
                  s.highUnits = params.priceUnits;
                }
                if (params.priceUnits < s.lowUnits) {
                  s.low = params.price;
                  s.lowUnits = params.priceUnits;
                }
              }
              s.close = params.price;
              s.closeUnits = params.priceUnits;
              s.volume = new BigDecimal(s.volume).add(new BigDecimal(params.quantity)).toPlainString();
              s.volumeUnits = (long) s.volumeUnits + (long) params.quantityUnits;
              s.quoteVolume = new BigDecimal(s.quoteVolume).add(new BigDecimal(params.quoteQuantity)).toPlainString();
              s.quoteVolumeUnits = (long) s.quoteVolumeUnits + (long) params.quoteQuantityUnits;
              s.tradeCount = (long) s.tradeCount + 1;
              s.lastTradeSequence = params.sequence;
            }
            """;

    private final SearchBulk bulk;

    CandleSearchProjection(SearchBulk bulk) {
        this.bulk = bulk;
    }

    /** @param at when the trade matched (the event's time) */
    @EventHandler
    void on(TradeExecutedEvent event, @Timestamp Instant at) {
        Instant openTime = INTERVAL.openTime(at);
        Map<String, Object> params = new HashMap<>();
        params.put("market", event.marketId().value());
        params.put("interval", INTERVAL.code());
        params.put("openTime", openTime.toString());
        params.put("closeTime", INTERVAL.closeTime(openTime).toString());
        params.put("sequence", event.sequence());
        params.put("price", event.price().toPlainString());
        params.put("priceUnits", DecimalUnits.of(event.price()));
        params.put("quantity", event.quantity().toPlainString());
        params.put("quantityUnits", DecimalUnits.of(event.quantity()));
        params.put("quoteQuantity", event.quoteQuantity().toPlainString());
        params.put("quoteQuantityUnits", DecimalUnits.of(event.quoteQuantity()));
        bulk.upsert(AnalyticsIndex.CANDLES, event.marketId().value() + ":" + openTime.toEpochMilli(), SCRIPT, params);
    }
}
