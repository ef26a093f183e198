package org.exchange.query.market.live;

import org.exchange.api.market.CandleInterval;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The current (latest) candle of one market for every {@link CandleInterval}: volume = Σ quantity,
 * quoteVolume = Σ quoteQuantity of the trades whose timestamp falls into the candle, open/close the
 * first/last of them in trade sequence order. One candle per interval: constant memory.
 */
final class CurrentCandles {

    private final Map<CandleInterval, Candle> current = new EnumMap<>(CandleInterval.class);

    static final class Candle {
        final CandleInterval interval;
        final Instant openTime;
        final BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal close;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quoteVolume = BigDecimal.ZERO;
        BigDecimal takerBuyVolume = BigDecimal.ZERO;
        BigDecimal takerBuyQuoteVolume = BigDecimal.ZERO;
        long trades;
        final long firstTrade;
        long lastTrade;

        private Candle(CandleInterval interval, Instant openTime, BigDecimal price, long trade) {
            this.interval = interval;
            this.openTime = openTime;
            this.firstTrade = trade;
            this.open = price;
            this.high = price;
            this.low = price;
        }

        Instant closeTime() {
            return interval.closeTime(openTime);
        }
    }

    /**
     * @return the candles the trade changed. A trade older than an interval's current candle (clocks
     * out of step) changes none of that interval: the stream only shows the current candle.
     */
    List<Candle> add(Instant executedAt, BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity, long trade,
                     boolean takerBought) {
        List<Candle> changed = new ArrayList<>(CandleInterval.values().length);
        for (CandleInterval interval : CandleInterval.values()) {
            Instant openTime = interval.openTime(executedAt);
            Candle candle = current.get(interval);
            if (candle == null || openTime.isAfter(candle.openTime)) {
                candle = new Candle(interval, openTime, price, trade);
                current.put(interval, candle);
            } else if (openTime.isBefore(candle.openTime)) {
                continue;
            }
            candle.high = candle.high.max(price);
            candle.low = candle.low.min(price);
            candle.close = price;
            candle.volume = candle.volume.add(quantity);
            candle.quoteVolume = candle.quoteVolume.add(quoteQuantity);
            if (takerBought) {
                candle.takerBuyVolume = candle.takerBuyVolume.add(quantity);
                candle.takerBuyQuoteVolume = candle.takerBuyQuoteVolume.add(quoteQuantity);
            }
            candle.trades++;
            candle.lastTrade = trade;
            changed.add(candle);
        }
        return changed;
    }
}
