package org.exchange.query.marketdata;

import org.exchange.api.order.OrderSide;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution on the public trade tape, as the read model holds it (every API formats it its own way).
 *
 * @param sequence   the market's trade sequence: 1, 2, 3…
 * @param takerSide  the side of the order that arrived and took liquidity
 * @param executedAt when the book matched it
 */
public record MarketTrade(String tradeId, String market, long sequence, BigDecimal price, BigDecimal quantity,
                          BigDecimal quoteQuantity, OrderSide takerSide, Instant executedAt) {
}
