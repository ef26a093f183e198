package org.exchange.api.trade;

import org.axonframework.commandhandling.RoutingKey;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.TradeExecutedEvent;

/**
 * Settle one executed trade in a single transaction: both accounts' postings, the fee account's
 * credit, both orders' fills and the trade's own record. Idempotent by trade id: a repeat changes
 * nothing and returns {@code false}; the first settlement returns {@code true}. Routed by market, so
 * one node settles a market's trades in order.
 */
public record SettleTradeCommand(@RoutingKey MarketId marketId, TradeExecutedEvent trade) {
}
