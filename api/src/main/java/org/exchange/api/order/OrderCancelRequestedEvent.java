package org.exchange.api.order;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.market.MarketId;

/** The owner asked to cancel; the saga takes the order out of the book (or never submits it). */
@Revision("1")
public record OrderCancelRequestedEvent(OrderId orderId, AccountId accountId, MarketId marketId) {
}
