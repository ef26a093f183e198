package org.exchange.api.market;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.order.OrderId;

import java.math.BigDecimal;

/** The order (or its remainder after trading) now rests in the book at its limit price. */
@Revision("1")
public record OrderRestedEvent(MarketId marketId, OrderId orderId, AccountId accountId,
                               BigDecimal price, BigDecimal remainingQuantity) {
}
