package org.exchange.query.marketdata;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One candle of a market, as the read model holds or rolls it up.
 *
 * @param closeTime            the candle's last millisecond
 * @param volume               Σ quantity (base)
 * @param quoteVolume          Σ quote quantity
 * @param takerBuyVolume       Σ quantity of the trades whose taker bought
 * @param takerBuyQuoteVolume  Σ quote quantity of the trades whose taker bought
 */
public record Candle(Instant openTime, Instant closeTime, BigDecimal open, BigDecimal high, BigDecimal low,
                     BigDecimal close, BigDecimal volume, BigDecimal quoteVolume, long trades,
                     BigDecimal takerBuyVolume, BigDecimal takerBuyQuoteVolume) {
}
