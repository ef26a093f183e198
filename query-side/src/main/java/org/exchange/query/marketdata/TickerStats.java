package org.exchange.query.marketdata;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Statistics of a market's trades executed in {@code (openTime, closeTime]}, 24 hours up to now.
 *
 * @param open      the first trade's price in the window; {@code null} (as are high, low and last) when
 *                  nothing traded in it
 * @param prevClose the price of the last trade before the window, {@code null} if there was none
 */
public record TickerStats(String market, Instant openTime, Instant closeTime, BigDecimal open, BigDecimal high,
                          BigDecimal low, BigDecimal last, BigDecimal volume, BigDecimal quoteVolume, long trades,
                          BigDecimal prevClose) {

    /** {@code last - open}, or {@code null} when nothing traded in the window. */
    public BigDecimal priceChange() {
        return open == null ? null : last.subtract(open);
    }
}
