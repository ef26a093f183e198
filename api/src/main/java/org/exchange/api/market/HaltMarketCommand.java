package org.exchange.api.market;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop accepting orders in a market; resting orders stay in the book. */
public record HaltMarketCommand(@TargetAggregateIdentifier MarketId marketId, String reason) {
}
