package org.exchange.api.order;

import org.exchange.api.market.MarketId;

import java.math.BigDecimal;

/**
 * What a trader asked for, validated against the market's filters before any command is sent.
 *
 * @param timeInForce   for LIMIT and STOP_LIMIT; {@code null} for the other types
 * @param price         limit price; {@code null} for MARKET and STOP_MARKET
 * @param quantity      base quantity; {@code null} only for a MARKET or STOP_MARKET buy by quote amount
 * @param quoteQuantity quote amount to spend, for a MARKET or STOP_MARKET buy by quote; otherwise {@code null}
 * @param stopPrice     trigger price for STOP_LIMIT and STOP_MARKET; otherwise {@code null}
 */
public record OrderTerms(
        MarketId marketId,
        OrderSide side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal quoteQuantity,
        BigDecimal stopPrice,
        SelfTradeMode selfTradeMode) {
}
