package org.exchange.api.market;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Accept orders in a halted market again. */
public record ResumeMarketCommand(@TargetAggregateIdentifier MarketId marketId) {
}
