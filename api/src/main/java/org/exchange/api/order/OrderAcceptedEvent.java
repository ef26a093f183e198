package org.exchange.api.order;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.market.MarketId;

/** The book took the order: its status is NEW (or already PARTIALLY_FILLED). */
@Revision("1")
public record OrderAcceptedEvent(OrderId orderId, AccountId accountId, MarketId marketId) {
}
