package org.exchange.api.market;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.exchange.api.account.AccountId;

/**
 * Cancel every order of one account resting (or parked as a stop) in this market. Returns
 * {@link CanceledOrders}, possibly empty.
 */
public record CancelAccountOrdersCommand(@TargetAggregateIdentifier MarketId marketId, AccountId accountId) {
}
