package org.exchange.api.market;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** List a new market for trading. Repeating it with the same rules is harmless. */
public record OpenMarketCommand(@TargetAggregateIdentifier MarketId marketId, MarketSpec spec) {
}
