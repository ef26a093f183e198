package org.exchange.api.order;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.market.MarketId;

/** The order ended before trading; whatever it held is released by the saga. Final. */
@Revision("1")
public record OrderRejectedEvent(OrderId orderId, AccountId accountId, MarketId marketId, String reason) {
}
